import type { Ctx } from './shared/context';
import { loadActor, seedConsultantDemo, seedDemo, seedDemoHouseholds } from './people';
import { seedPotDemo } from './pot';
import { seedProposalsDemo } from './proposals';
import { seedRoundsDemo } from './rounds';
import { seedHelpDemo } from './help';
import { seedReportsDemo } from './reports';
import { seedOpen311Demo } from './open311';
import { boardModerationTarget, seedBoardDemo, seedReportedBoardPost } from './board';
import { seedModerationDemo } from './moderation';
import { seedWebhooksDemo } from './webhooks';
import { seedConcernsDemo } from './concerns';
import { seedDashboardDemo } from './dashboard';
import { seedCareDemo } from './care';
import { seedVoiceDemo } from './voice';
import { seedListenDemo } from './voice';

export { isSeeded, demoPassword, demoAccounts } from './people';

/**
 * The demo registry: places and people (with the wijkconsulent's card on the Lindebuurt), then each module's demo activity (funded buurtpotten,
 * a closed round with results and payouts, an open round, proposals in every step of the
 * support phase, a completed and an open help request, meldingen in several states, the Lindebuurt's board), so a first visit shows a living
 * neighbourhood where every step can be tried. It sits above every module, beside runtime.ts,
 * so no module imports it back. Each module's part goes through its use cases and is
 * idempotent (fixed keys, or skipped when present).
 */
export async function seedDemoNeighbourhood(ctx: Ctx): Promise<void> {
	const ids = await seedDemo(ctx);
	const households = await seedDemoHouseholds(ctx);
	await seedConsultantDemo(ctx, ids);
	await seedPotDemo(ctx, ids);
	await seedRoundsDemo(ctx, { ids, households });
	await seedProposalsDemo(ctx, { ids, households });
	await seedHelpDemo(ctx, ids);
	await seedReportsDemo(ctx, ids);
	await seedOpen311Demo(ctx, ids);
	await seedBoardDemo(ctx, ids);
	const admin = await loadActor(ctx.db, ids.admin, ctx.clock());
	if (admin?.staff[0]) await seedWebhooksDemo(ctx, admin.staff[0].corporationId, ids.admin);
	await seedConcernsDemo(ctx, ids);
	// A post three households reported, hidden and waiting for the Lindebuurt's ambassador (Fatima) or staff.
	const reported = await seedReportedBoardPost(ctx, households[7]);
	if (reported)
		await seedModerationDemo(ctx, {
			target: async (reporterId) => boardModerationTarget(ctx.db, (await loadActor(ctx.db, reporterId, ctx.clock()))!, { kind: 'board_post', buurtId: reported.buurtId, id: reported.postId }),
			reports: [
				{ reporterId: households[0], reason: 'threat', hoursAgo: 8 },
				{ reporterId: households[1], reason: 'threat', note: 'Dit voelt als een bedreiging van de buren op nummer 14.', hoursAgo: 6 },
				{ reporterId: households[2], reason: 'insult', hoursAgo: 3 }
			]
		});
	await seedCareDemo(ctx, ids);
	await seedVoiceDemo(ctx, { ids, households });
	await seedListenDemo(ctx, ids);
	// Last: neighbours helping each other over past months, then every dashboard read model computed.
	await seedDashboardDemo(ctx, ids, households);
}
