import type { Ctx } from '../shared/context';
import { demoHouseholds, loadActor, type DemoKey } from '../people';
import { askHelpRequest, confirmHelpRequest, markHelpRequestDone, publishHelpRequest, takeHelpRequest } from '../help';
import { refreshAllDashboards } from './refresh';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Dashboard demo (run last by ../demo.ts): neighbours of the Lindebuurt helping each other over
 * the past months, through help's own use cases with a clock moved back, so the Lindebuurt shows
 * real figures (askers, helpers, reciprocity) while the Beukenbuurt — one member — and most
 * single months show "<5". Then every read model is computed, as the job would.
 */
export async function seedDashboardDemo(ctx: Ctx, ids: Record<DemoKey, string>, households: string[]): Promise<void> {
	const now = ctx.clock();
	const bram = (await loadActor(ctx.db, ids.supervisor, now))!;
	const buurtId = bram.supervisorBuurtIds[0] ?? bram.memberBuurtIds[0];
	const people = await Promise.all(households.map(async (id) => (await loadActor(ctx.db, id, now))!));
	// [asker, helper, days ago]: a ring in which most give and receive, over about four months.
	const pairs: [number, number, number][] = [[0, 1, 110], [1, 2, 95], [2, 3, 80], [3, 4, 66], [4, 0, 52], [5, 6, 40], [6, 5, 33], [7, 0, 24], [1, 7, 15], [3, 2, 8]];
	const titles = ['Boodschappen halen', 'Heg knippen', 'Kast ophangen', 'Mee naar de huisarts', 'Fiets plakken', 'Gordijnen ophangen', 'Tuinafval wegbrengen', 'Samen wandelen', 'Lamp vervangen', 'Post ophalen tijdens vakantie'];
	for (const [i, [a, h, days]] of pairs.entries()) {
		const at = (d: number) => ({ ...ctx, clock: () => new Date(now.getTime() - d * DAY_MS) });
		const asker = people[a];
		const helper = people[h];
		const request = await askHelpRequest(at(days), asker, {
			buurtId,
			category: i % 2 ? 'onderhoud_woning' : 'zorg',
			...(i % 2 ? {} : { zorgLabel: 'boodschappen' }),
			title: `${titles[i]} (${demoHouseholds[a].name.split(' ')[0]})`,
			description: 'Wie kan mij hier een keer mee helpen? Dank u wel!',
			when: 'flexible',
			urgency: 'this_week',
			place: 'home'
		});
		await publishHelpRequest(at(days - 0.2), bram, { requestId: request.id, reason: 'Duidelijke vraag, succes!' });
		await takeHelpRequest(at(days - 1), helper, { requestId: request.id });
		await markHelpRequestDone(at(days - 2), helper, { requestId: request.id });
		await confirmHelpRequest(at(days - 2.5), asker, { requestId: request.id });
	}
	await refreshAllDashboards(ctx.db, ctx.clock);
}
