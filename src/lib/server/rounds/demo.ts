import type { Ctx } from '../shared/context';
import { loadActor } from '../people';
import { DAY_MS, payProposal, seedDemoProposal, type DemoPeople } from '../proposals';
import { openRound, loadRound } from './rounds';
import { castBallot } from './ballots';
import { closeRound } from './results';
import { phaseOf } from './model';

/**
 * Buurtpot rounds demo data, run by the demo registry (../demo.ts) after the buurtpot has
 * money (pot/demo.ts): one round that closed weeks ago, with its results and its winners paid
 * out (with a receipt), and one round open for voting now in which some households voted and
 * Anna has not. Everything goes through the use cases, each at its own moment (a clock moved
 * back), so the ballots are secret, the result was counted once at the close and the ledger
 * holds the payouts like any other. Idempotent: a round that is already there (same title in
 * the buurt) is not opened again, and a closed one gets no ballots.
 */

export const demoRoundTitles = { closed: 'Buurtpot voorjaar (demo)', open: 'Buurtpot zomer (demo)' } as const;

/** A minimal PDF as the demo receipt. */
const receipt = () => ({ field: 'receipt', bytes: Uint8Array.from(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')) });

export async function seedRoundsDemo(ctx: Ctx, people: DemoPeople): Promise<void> {
	const now = ctx.clock();
	const back = (days: number): Ctx => ({ ...ctx, clock: () => new Date(now.getTime() - days * DAY_MS) });
	const actor = async (id: string) => (await loadActor(ctx.db, id, now))!;
	const [bram, noor, wim] = [await actor(people.ids.supervisor), await actor(people.ids.helper), await actor(people.ids.employee)];
	const h = await Promise.all(people.households.map(actor));
	const buurtId = bram.memberships[0].buurtId;
	const existing = async (title: string) =>
		(await ctx.db.query<{ id: string }>('SELECT id FROM buurtpot_rounds WHERE buurt_id = $1 AND title = $2 AND NOT is_test', [buurtId, title]))[0]?.id ?? null;
	const accepted = (key: string, author: (typeof h)[number], title: string, description: string, costCents: number, place: string, daysAgo: number) =>
		seedDemoProposal(ctx, { key, author, title, description, costCents, place, supporters: [bram, noor, ...h].filter((x) => x.accountId !== author.accountId).slice(0, 4), acceptBy: wim, daysAgo });

	/**
	 * Opens a demo round (once: a round with this title is found again on the next run) and casts
	 * its ballots, each as [household, the proposals it chose, days ago].
	 */
	const roundWithBallots = async (
		title: string,
		open: { daysAgo: number; closesAt: Date; budgetCents: number },
		proposalIds: string[],
		ballots: [typeof bram, string[], number][]
	): Promise<string> => {
		const found = await existing(title);
		if (found) return found;
		const opensAt = new Date(now.getTime() - open.daysAgo * DAY_MS);
		const roundId = (
			await openRound(back(open.daysAgo), wim, { buurtId, title, budgetSource: 'amount', budgetCents: open.budgetCents, opensAt, closesAt: open.closesAt, rule: 'knapsack', proposalIds })
		).id;
		const projects = await ctx.db.query<{ proposal_id: string; project_id: string }>('SELECT proposal_id, project_id FROM buurtpot_round_proposals WHERE round_id = $1', [roundId]);
		const projectOf = (id: string) => projects.find((x) => x.proposal_id === id)!.project_id;
		for (const [who, picks, daysAgo] of ballots) await castBallot(back(daysAgo), who, { roundId, choices: picks.map(projectOf) });
		return roundId;
	};

	// Spring: proposed 10 weeks ago, voted, closed 6 weeks ago, the winners paid.
	const picnic = await accepted('picknicktafel', h[5], 'Picknicktafel in het Lindepark', 'Een stevige houten picknicktafel onder de grote linde, voor iedereen.', 60_000, 'Lindepark', 70);
	const flowers = await accepted('bloembakken', h[6], 'Bloembakken langs de Eikenlaan', 'Vier bloembakken langs de stoep. Buren geven de planten om de beurt water.', 35_000, 'Eikenlaan', 69);
	const lights = await accepted('kerstverlichting', bram, 'Kerstverlichting in de Lindehof', 'Lichtjes in de bomen van de Lindehof in december.', 90_000, 'Lindehof', 68);
	const spring = await roundWithBallots(
		demoRoundTitles.closed,
		{ daysAgo: 60, closesAt: new Date(now.getTime() - 46 * DAY_MS), budgetCents: 120_000 },
		[picnic, flowers, lights],
		[
			[bram, [lights], 58],
			[noor, [picnic, flowers], 57],
			[h[0], [picnic], 56],
			[h[1], [picnic, flowers], 55],
			[h[2], [flowers], 54],
			[h[3], [lights], 53],
			[h[4], [picnic, flowers], 52],
			[h[7], [picnic], 51]
		]
	);
	const springRow = (await loadRound(ctx.db, spring))!;
	if (phaseOf(springRow, now) !== 'closed') await closeRound(back(45), wim, { roundId: spring });
	for (const [id, cents, payee, days] of [
		[picnic, 60_000, 'Houthandel De Linde (fictief)', 40],
		[flowers, 35_000, 'Tuincentrum Noaberveen (fictief)', 38]
	] as const) {
		await payProposal(back(days), wim, { proposalId: id, amountCents: cents, payee, note: 'Factuur betaald (demo)', idempotencyKey: `demo-payout-${id}` }, receipt());
	}

	// Summer: proposed a month ago, accepted, open for voting since three days; Anna has not voted yet.
	const party = await accepted('buurtfeest', h[1], 'Buurtfeest op het plein', 'Een middag met muziek, spelletjes en eten van de buren zelf. Voor jong en oud.', 40_000, 'Plein Lindehof', 30);
	const aed = await accepted('aed', h[2], 'AED-kast aan de gevel van de Lindehof', 'Een kast met een AED die iedereen kan gebruiken, 24 uur per dag. Buren volgen samen een cursus reanimeren.', 75_000, 'Gevel Lindehof 1', 29);
	const tree = await accepted('boom', h[3], 'Een boom planten bij de speeltuin', 'Een linde die over een paar jaar schaduw geeft bij de speeltuin.', 25_000, 'Speeltuin Lindehof', 28);
	await roundWithBallots(
		demoRoundTitles.open,
		{ daysAgo: 3, closesAt: new Date(now.getTime() + 11 * DAY_MS), budgetCents: 100_000 },
		[party, aed, tree],
		[
			[h[4], [party, tree], 2],
			[h[5], [aed], 1.5],
			[h[6], [party], 1]
		]
	);
}
