import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { errorOf } from '../proposals/test-fixtures';
import { createRoundFixture, type RoundFixture } from './test-fixtures';
import { availableBudget, cancelRound, getRound, listRounds, openRound } from './rounds';
import { castBallot, enterPaperBallot, getMyBallot } from './ballots';
import { closeDueRounds, closeRound, getRoundResults } from './results';
import { listProposals } from '../proposals';
import { toLocalInput, parseMoment } from './model';

let db: Db;
let ctx: TestCtx;
let f: RoundFixture;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createRoundFixture(db, ctx);
});
afterAll(() => db.close());

const statusOf = async (id: string) => (await db.query<{ status: string }>('SELECT status FROM buurtpot_proposals WHERE id = $1', [id]))[0].status;

describe('opening a round', () => {
	it('refuses bad input with a message per field, and writes nothing', async () => {
		const wim = await f.actor('wim');
		const bench = await f.accepted('Bankje bij de speeltuin', 45_000);
		const before = await db.query('SELECT id FROM buurtpot_rounds');
		const e = await errorOf(
			openRound(ctx, wim, { buurtId: f.lindebuurt, title: 'x', budgetSource: 'amount', opensAt: 'gisteren', closesAt: '', rule: 'approval', proposalIds: [] })
		);
		expect(e.code).toBe('validation.invalid');
		expect(e.fields).toMatchObject({ title: 'rounds.title_too_short', opensAt: 'rounds.opens_at_invalid', closesAt: 'rounds.closes_at_invalid', proposalIds: 'rounds.proposals_required' });

		const base = { buurtId: f.lindebuurt, title: 'Voorjaar', budgetSource: 'amount', budgetCents: 100_000, opensAt: ctx.clock(), closesAt: new Date(ctx.clock().getTime() + f.hour), rule: 'approval', proposalIds: [bench] };
		expect((await errorOf(openRound(ctx, wim, { ...base, maxChoices: 2 }))).fields).toEqual({ maxChoices: 'rounds.k_too_big' });
		expect((await errorOf(openRound(ctx, wim, { ...base, rule: 'knapsack', closesAt: new Date(ctx.clock().getTime() - f.hour), opensAt: new Date(ctx.clock().getTime() - 2 * f.hour) }))).fields).toEqual({ closesAt: 'rounds.closes_in_past' });
		expect((await errorOf(openRound(ctx, wim, { ...base, rule: 'knapsack', closesAt: base.opensAt }))).fields).toEqual({ closesAt: 'rounds.closes_before_opens' });
		// A proposal that costs more than the budget cannot be on the ballot.
		const e2 = await errorOf(openRound(ctx, wim, { ...base, rule: 'knapsack', budgetCents: 40_000 }));
		expect(e2.fields).toEqual({ proposalIds: 'rounds.cost_above_budget' });
		expect(e2.details).toMatchObject({ title: 'Bankje bij de speeltuin', costCents: 45_000 });
		// More than the buurtpot holds.
		expect((await errorOf(openRound(ctx, wim, { ...base, rule: 'knapsack', budgetCents: 5_000_000 }))).fields).toEqual({ budgetCents: 'rounds.budget_above_available' });
		// Only accepted proposals of this buurt.
		expect((await errorOf(openRound(ctx, wim, { ...base, rule: 'knapsack', proposalIds: [crypto.randomUUID()] }))).fields).toEqual({ proposalIds: 'rounds.proposal_not_accepted' });
		// Only staff of the corporation.
		const anna = await f.actor('anna');
		const forbidden = await errorOf(openRound(ctx, anna, { ...base, rule: 'knapsack' }));
		expect([forbidden.code, httpStatusFor(forbidden.code)]).toEqual(['rounds.forbidden', 403]);
		expect(await db.query('SELECT id FROM buurtpot_rounds')).toEqual(before);
		expect(await statusOf(bench)).toBe('accepted');
	});

	it('puts accepted proposals on the ballot (in_vote) and promises the budget', async () => {
		const a = await f.accepted('Moestuinbakken', 30_000);
		const before = await availableBudget(db, f.lindebuurt);
		const id = await f.open({ proposalIds: [a], budgetCents: 50_000 });
		expect(await statusOf(a)).toBe('in_vote');
		const after = await availableBudget(db, f.lindebuurt);
		expect(after.availableCents).toBe(before.availableCents - 50_000);
		const wim = await f.actor('wim');
		const round = await getRound(db, wim, id, ctx.clock());
		expect(round).toMatchObject({ phase: 'open', budgetCents: 50_000, rule: 'knapsack', proposalCount: 1, turnout: { online: 0, paper: 0 } });
		// Cancelling (nobody voted) gives the proposal back and frees the money.
		await cancelRound(ctx, wim, { roundId: id });
		expect(await statusOf(a)).toBe('accepted');
		expect((await availableBudget(db, f.lindebuurt)).availableCents).toBe(before.availableCents);
		expect((await getRound(db, wim, id, ctx.clock())).phase).toBe('cancelled');
	});

	it('the whole balance when asked, minus what other rounds promised', async () => {
		const a = await f.accepted('Buurtfeest', 20_000);
		const b = await f.accepted('Gereedschapskist', 10_000);
		const first = await f.open({ proposalIds: [a], budgetCents: 300_000 });
		const { availableCents } = await availableBudget(db, f.lindebuurt);
		const id = (await openRound(ctx, await f.actor('wim'), { buurtId: f.lindebuurt, title: 'Alles', budgetSource: 'balance', opensAt: ctx.clock(), closesAt: new Date(ctx.clock().getTime() + f.hour), rule: 'knapsack', proposalIds: [b] })).id;
		expect((await getRound(db, await f.actor('wim'), id, ctx.clock())).budgetCents).toBe(availableCents);
		expect((await availableBudget(db, f.lindebuurt)).availableCents).toBe(0);
		const e = await errorOf(openRound(ctx, await f.actor('wim'), { buurtId: f.lindebuurt, title: 'Nog een', budgetSource: 'balance', opensAt: ctx.clock(), closesAt: new Date(ctx.clock().getTime() + f.hour), rule: 'knapsack', proposalIds: [await f.accepted('Nog iets', 1000)] }));
		expect(e.code).toBe('rounds.budget_empty');
		await cancelRound(ctx, await f.actor('wim'), { roundId: id });
		await cancelRound(ctx, await f.actor('wim'), { roundId: first });
	});
});

describe('voting', () => {
	let round: string;
	let ids: string[];
	beforeAll(async () => {
		ids = [await f.accepted('Speeltoestel', 60_000), await f.accepted('Bloembakken', 30_000), await f.accepted('Picknicktafel', 20_000)];
		round = await f.open({ proposalIds: ids, budgetCents: 100_000, rule: 'knapsack' });
	});

	it('one ballot per household: a second one from the same home replaces the first', async () => {
		const anna = await f.actor('anna');
		const sanne = await f.actor('sanne'); // lives with Anna
		expect(await castBallot(ctx, anna, { roundId: round, choices: ['1', '2'] })).toEqual({ replaced: false, choices: ['1', '2'] });
		expect(await castBallot(ctx, sanne, { roundId: round, choices: ['3'] })).toEqual({ replaced: true, choices: ['3'] });
		expect((await getMyBallot(db, anna, round, ctx.clock())).choices).toEqual(['3']);
		const [{ ballots, voters }] = await db.query<{ ballots: number; voters: number }>(
			`SELECT (SELECT count(*)::int FROM buurtpot_round_ballots WHERE round_id = $1) AS ballots, (SELECT count(*)::int FROM buurtpot_round_voters WHERE round_id = $1) AS voters`,
			[round]
		);
		expect([ballots, voters]).toEqual([1, 1]);
	});

	it('refuses ballots over the budget (knapsack), unknown or repeated proposals, and empty ones', async () => {
		const noor = await f.actor('noor');
		const over = await errorOf(castBallot(ctx, noor, { roundId: round, choices: ['1', '2', '3'] }));
		expect([over.code, over.fields, httpStatusFor(over.code)]).toEqual(['rounds.ballot_over_budget', { choices: 'rounds.ballot_over_budget' }, 400]);
		expect(over.details).toMatchObject({ totalCents: 110_000, budgetCents: 100_000 });
		expect((await errorOf(castBallot(ctx, noor, { roundId: round, choices: ['9'] }))).code).toBe('rounds.ballot_unknown_proposal');
		expect((await errorOf(castBallot(ctx, noor, { roundId: round, choices: ['1', '1'] }))).code).toBe('rounds.ballot_duplicate');
		expect((await errorOf(castBallot(ctx, noor, { roundId: round, choices: [] }))).code).toBe('rounds.ballot_empty');
		expect((await getMyBallot(db, noor, round, ctx.clock())).voted).toBe(false);
	});

	it('only households of the buurt: outsiders get a 404, staff without a home there a 403', async () => {
		const olga = await errorOf(castBallot(ctx, await f.actor('olga'), { roundId: round, choices: ['1'] }));
		expect([olga.code, httpStatusFor(olga.code)]).toEqual(['rounds.not_found', 404]);
		const wim = await errorOf(castBallot(ctx, await f.actor('wim'), { roundId: round, choices: ['1'] }));
		expect([wim.code, wim.details, httpStatusFor(wim.code)]).toEqual(['rounds.voting.forbidden', { reason: 'no_household' }, 403]);
		await expect(getRound(db, await f.actor('olga'), round, ctx.clock())).rejects.toMatchObject({ code: 'rounds.not_found' });
	});

	it('paper ballots: one per household, never on top of an online ballot, audited without choices', async () => {
		const wim = await f.actor('wim');
		const home = await f.paperHousehold();
		expect(await enterPaperBallot(ctx, wim, { roundId: round, ...home, choices: ['2', '3'] })).toEqual({ enteredByYou: 1 });
		const twice = await errorOf(enterPaperBallot(ctx, wim, { roundId: round, ...home, choices: ['1'] }));
		expect([twice.code, httpStatusFor(twice.code)]).toEqual(['rounds.household_already_voted', 409]);
		// Anna's household voted online.
		const annasHome = (await db.query<{ postcode: string; house_number: number }>(`SELECT u.postcode, u.house_number FROM units u JOIN memberships m ON m.unit_id = u.id WHERE m.account_id = $1`, [f.ids.anna]))[0];
		const online = await errorOf(enterPaperBallot(ctx, wim, { roundId: round, postcode: annasHome.postcode, houseNumber: annasHome.house_number, choices: ['1'] }));
		// The same answer as for a second paper ballot: staff never learn which way a household voted.
		expect([online.code, online.details, httpStatusFor(online.code)]).toEqual([twice.code, twice.details, 409]);
		// A household with a paper ballot cannot vote online as well.
		const h1 = await f.actor('h1');
		const h1Home = (await db.query<{ postcode: string; house_number: number }>(`SELECT u.postcode, u.house_number FROM units u JOIN memberships m ON m.unit_id = u.id WHERE m.account_id = $1`, [f.ids.h1]))[0];
		await enterPaperBallot(ctx, wim, { roundId: round, postcode: h1Home.postcode.replace(' ', '').toLowerCase(), houseNumber: String(h1Home.house_number), choices: ['1'] });
		expect((await errorOf(castBallot(ctx, h1, { roundId: round, choices: ['2'] }))).code).toBe('rounds.already_voted_paper');
		expect(await getMyBallot(db, h1, round, ctx.clock())).toMatchObject({ voted: true, via: 'paper', choices: null, canChange: false });
		// Unknown address, or one in another buurt.
		expect((await errorOf(enterPaperBallot(ctx, wim, { roundId: round, postcode: '9999 BA', houseNumber: 1, choices: ['1'] }))).fields).toEqual({ postcode: 'rounds.household_not_found' });
		// Members cannot enter paper ballots.
		expect((await errorOf(enterPaperBallot(ctx, await f.actor('noor'), { roundId: round, ...(await f.paperHousehold()), choices: ['1'] }))).code).toBe('rounds.forbidden');
		const audit = await db.query<{ actor_id: string; details: Record<string, unknown>; subject: string }>(`SELECT actor_id, details, subject FROM audit_log WHERE action = 'rounds.paper_ballot_entered' ORDER BY id`);
		expect(audit.map((a) => a.details)).toEqual([{ enteredByYou: 1 }, { enteredByYou: 2 }]);
		expect(audit.every((a) => a.actor_id === f.ids.wim && a.subject === `round:${round}`)).toBe(true);
		expect((await getRound(db, wim, round, ctx.clock())).turnout).toEqual({ online: 1, paper: 2 });
	});

	it('no results before the close, for anyone — staff and admins included', async () => {
		for (const who of ['anna', 'wim', 'admin'] as const) {
			const e = await errorOf(getRoundResults(db, await f.actor(who), round, ctx.clock()));
			expect([e.code, httpStatusFor(e.code)]).toEqual(['rounds.results_not_found', 404]);
		}
		const [row] = await db.query<{ result: unknown }>('SELECT result FROM buurtpot_rounds WHERE id = $1', [round]);
		expect(row.result).toBeNull();
		expect(await db.query('SELECT votes, won FROM buurtpot_round_proposals WHERE round_id = $1 AND (votes IS NOT NULL OR won IS NOT NULL)', [round])).toEqual([]);
		// Closing early is refused.
		expect((await errorOf(closeRound(ctx, await f.actor('wim'), { roundId: round }))).code).toBe('rounds.closes_later');
	});

	it('closes once, after the closing time: winners won, others lost, votes stored, secret gone', async () => {
		ctx.advance(25 * f.hour);
		// Too late to vote.
		const late = await errorOf(castBallot(ctx, await f.actor('noor'), { roundId: round, choices: ['1'] }));
		expect([late.code, late.details]).toEqual(['rounds.voting.forbidden', { reason: 'closed' }]);
		expect((await getRound(db, await f.actor('anna'), round, ctx.clock())).phase).toBe('closing');
		// Members cannot close; staff can.
		expect((await errorOf(closeRound(ctx, await f.actor('anna'), { roundId: round }))).code).toBe('rounds.forbidden');
		expect(await closeRound(ctx, await f.actor('wim'), { roundId: round })).toMatchObject({ alreadyClosed: false });
		// The job finds nothing more to do; a second close changes nothing.
		expect(await closeDueRounds(ctx)).toBe(0);
		expect(await closeRound(ctx, await f.actor('wim'), { roundId: round })).toMatchObject({ alreadyClosed: true });

		// Ballots: Anna's household {3}, paper {2,3}, paper {1}. Votes: 1→1, 2→1, 3→2.
		// Greedy: 3 (2 votes, €200) funded; then 2 and 1 have 1 vote each: cheaper first → 2 (€300), then 1 (€600) does not fit in €500.
		const res = await getRoundResults(db, await f.actor('anna'), round, ctx.clock());
		expect(res.result.winners).toEqual(['3', '2']);
		expect(res.proposals.map((p) => [p.title, p.votes, p.won])).toEqual([
			['Picknicktafel', 2, true],
			['Bloembakken', 1, true],
			['Speeltoestel', 1, false]
		]);
		expect([res.ballots, res.online, res.paper, res.spentCents, res.leftCents]).toEqual([3, 1, 2, 50_000, 50_000]);
		expect(await Promise.all(ids.map(statusOf))).toEqual(['lost', 'won', 'won']);
		expect(await db.query('SELECT * FROM buurtpot_round_secrets WHERE round_id = $1', [round])).toEqual([]);
		// Nobody's ballot can be found any more, not even their own.
		expect(await getMyBallot(db, await f.actor('anna'), round, ctx.clock())).toMatchObject({ voted: true, via: 'online', choices: null });
		// The database refuses to change a closed round or its ballots.
		await expect(db.query(`UPDATE buurtpot_rounds SET result = '{}'::jsonb WHERE id = $1`, [round])).rejects.toThrow(/final/);
		await expect(db.query(`DELETE FROM buurtpot_round_ballots WHERE round_id = $1`, [round])).rejects.toThrow(/final/);
		// A won proposal's unpaid cost stays promised.
		expect((await listProposals(db, await f.actor('wim'), { buurtId: f.lindebuurt, status: 'won' }, ctx.clock())).length).toBe(2);
	});

	it('the close job closes due rounds by itself', async () => {
		const a = await f.accepted('Zitbank', 10_000);
		const id = await f.open({ proposalIds: [a], budgetCents: 10_000, rule: 'equal-shares', closesAt: new Date(ctx.clock().getTime() + f.hour) });
		await castBallot(ctx, await f.actor('noor'), { roundId: id, choices: ['1'] });
		expect(await closeDueRounds(ctx)).toBe(0);
		ctx.advance(2 * f.hour);
		expect(await closeDueRounds(ctx)).toBe(1);
		const res = await getRoundResults(db, await f.actor('noor'), id, ctx.clock());
		expect(res.result.winners).toEqual(['1']);
		expect(res.proposals[0]).toMatchObject({ won: true, perSupporterCents: 10_000 });
		expect(await statusOf(a)).toBe('won');
		// A cancelled round's ballots were never there; a closed round cannot be cancelled.
		expect((await errorOf(cancelRound(ctx, await f.actor('wim'), { roundId: id }))).code).toBe('rounds.already_closed');
	});

	it('lists rounds without any counts; members of other buurten do not see them', async () => {
		const anna = await listRounds(db, await f.actor('anna'), {}, ctx.clock());
		expect(anna.length).toBeGreaterThan(0);
		for (const r of anna) expect(Object.keys(r).sort()).toEqual(['budgetCents', 'buurtId', 'buurtName', 'closedAt', 'closesAt', 'currency', 'id', 'isTest', 'opensAt', 'phase', 'proposalCount', 'rule', 'title']);
		expect(await listRounds(db, await f.actor('olga'), {}, ctx.clock())).toEqual([]);
		expect((await listRounds(db, await f.actor('hanna'), {}, ctx.clock())).length).toBe(anna.length);
	});
});

describe('approval voting', () => {
	it('refuses more than K proposals and a cancel once someone voted', async () => {
		const ids = [await f.accepted('Fietsenrek', 1_000), await f.accepted('Vogelhuisjes', 1_000), await f.accepted('Kerstboom', 1_000)];
		const id = await f.open({ proposalIds: ids, budgetCents: 2_000, rule: 'approval', maxChoices: 2 });
		const e = await errorOf(castBallot(ctx, await f.actor('h2'), { roundId: id, choices: ['1', '2', '3'] }));
		expect([e.code, e.fields, e.details.max]).toEqual(['rounds.ballot_too_many', { choices: 'rounds.ballot_too_many' }, 2]);
		await castBallot(ctx, await f.actor('h2'), { roundId: id, choices: ['1', '2'] });
		const c = await errorOf(cancelRound(ctx, await f.actor('wim'), { roundId: id }));
		expect([c.code, httpStatusFor(c.code)]).toEqual(['rounds.already_has_ballots', 409]);
	});

	it('rounds that open later: no voting yet', async () => {
		const a = await f.accepted('Later', 1_000);
		const id = await f.open({ proposalIds: [a], budgetCents: 1_000, opensAt: new Date(ctx.clock().getTime() + f.hour), closesAt: new Date(ctx.clock().getTime() + 5 * f.hour) });
		const e = await errorOf(castBallot(ctx, await f.actor('h3'), { roundId: id, choices: ['1'] }));
		expect([e.code, e.details]).toEqual(['rounds.voting.forbidden', { reason: 'not_open_yet' }]);
		expect((await getRound(db, await f.actor('h3'), id, ctx.clock())).phase).toBe('upcoming');
	});
});

describe('the voter sees the proposals in their own random order', () => {
	it('the same on every reload, different between voters, always all of them', async () => {
		const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => f.accepted(`Voorstel ${i + 1}`, 1_000)));
		const id = await f.open({ proposalIds: ids, budgetCents: 10_000 });
		const order = async (who: Parameters<RoundFixture['actor']>[0]) => (await getRound(db, await f.actor(who), id, ctx.clock())).proposals.map((p) => p.projectId);
		expect(await order('anna')).toEqual(await order('anna'));
		const orders = await Promise.all((['anna', 'noor', 'h1', 'h2', 'h3', 'h4'] as const).map(order));
		expect(new Set(orders.map((o) => o.join())).size).toBeGreaterThan(1);
		for (const o of orders) expect([...o].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
	});
});

describe('datetime-local fields are Amsterdam time', () => {
	it('winter and summer', () => {
		expect((parseMoment('2026-01-15T20:00') as Date).toISOString()).toBe('2026-01-15T19:00:00.000Z');
		expect((parseMoment('2026-07-15T20:00') as Date).toISOString()).toBe('2026-07-15T18:00:00.000Z');
		expect(toLocalInput(new Date('2026-07-15T18:00:00Z'))).toBe('2026-07-15T20:00');
		expect(parseMoment('2026-02-30T20:00')).toBe('2026-02-30T20:00');
		expect((parseMoment('2026-03-01T10:00:00Z') as Date).toISOString()).toBe('2026-03-01T10:00:00.000Z');
	});
});

describe('at the same time', () => {
	it('ballots cast while the round closes are either counted or refused — never stored uncounted', async () => {
		const ids = [await f.accepted('Jeu de boules-baan', 5_000), await f.accepted('Insectenhotel', 3_000)];
		const closesAt = new Date(ctx.clock().getTime() + f.hour);
		const id = await f.open({ proposalIds: ids, budgetCents: 8_000, rule: 'equal-shares', closesAt });
		const voters = await Promise.all(Array.from({ length: 8 }, () => f.household()));
		// Voters still see an open round; the closer already sees the closing time passed.
		const before = { ...ctx, clock: () => new Date(closesAt.getTime() - 1000) };
		const after = { ...ctx, clock: () => new Date(closesAt.getTime() + 1000) };
		const outcomes = await Promise.allSettled([
			...voters.slice(0, 4).map((v) => castBallot(before, v, { roundId: id, choices: ['1'] })),
			closeRound(after, null, { roundId: id }),
			...voters.slice(4).map((v) => castBallot(before, v, { roundId: id, choices: ['1', '2'] }))
		]);
		const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code);
		expect(refused.every((c) => c === 'rounds.voting.forbidden')).toBe(true);
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM buurtpot_round_ballots WHERE round_id = $1', [id]);
		const res = await getRoundResults(db, await f.actor('wim'), id, after.clock());
		expect(res.ballots).toBe(n);
		expect(n).toBe(8 - refused.length);
	});

	it('two people of one household voting at once leave one ballot', async () => {
		const a = await f.accepted('Kinderboerderij-uitje', 2_000);
		const id = await f.open({ proposalIds: [a], budgetCents: 2_000, rule: 'approval', maxChoices: 1 });
		await Promise.all([castBallot(ctx, await f.actor('anna'), { roundId: id, choices: ['1'] }), castBallot(ctx, await f.actor('sanne'), { roundId: id, choices: ['1'] })]);
		const [{ ballots, voters }] = await db.query<{ ballots: number; voters: number }>(
			`SELECT (SELECT count(*)::int FROM buurtpot_round_ballots WHERE round_id = $1) AS ballots, (SELECT count(*)::int FROM buurtpot_round_voters WHERE round_id = $1) AS voters`,
			[id]
		);
		expect([ballots, voters]).toEqual([1, 1]);
	});
});
