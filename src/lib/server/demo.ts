import type { Ctx } from './shared/context';
import { seedConsultantDemo, seedDemo, seedDemoHouseholds } from './people';
import { seedPotDemo } from './pot';
import { seedProposalsDemo } from './proposals';
import { seedRoundsDemo } from './rounds';
import { seedHelpDemo } from './help';
import { seedReportsDemo } from './reports';
import { seedOpen311Demo } from './open311';
import { seedBoardDemo } from './board';
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
	await seedListenDemo(ctx, ids);
}
