import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { count, validateBallot, writePabulib, type PbElection, type RuleName } from '../counting';
import { createRoundFixture, type RoundFixture } from './test-fixtures';
import { enterPaperBallot } from './ballots';
import { closeRound, getRoundResults } from './results';
import { exportRoundPabulib, importPabulibTestRound } from './pabulib-io';

/**
 * Properties of counting through the database: the stored result equals counting the same
 * ballots directly; the order in which ballots arrive does not matter; export → import gives
 * the same result.
 */

let db: Db;
let ctx: TestCtx;
let f: RoundFixture;
/** Every home in Lindebuurt: paper ballots can be entered for any of them, once per round. */
let homes: { postcode: string; houseNumber: number }[];

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createRoundFixture(db, ctx, 5_000_000);
	homes = (
		await db.query<{ postcode: string; house_number: number }>(
			`SELECT u.postcode, u.house_number FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.buurt_id = $1 ORDER BY u.postcode, u.house_number`,
			[f.lindebuurt]
		)
	).map((u) => ({ postcode: u.postcode, houseNumber: u.house_number }));
});
afterAll(() => db.close());

const rules = ['knapsack', 'approval', 'equal-shares'] as const;

/** A small election in whole euros: 1–6 projects, a budget that fits the dearest, up to 30 ballots. */
const election = fc
	.record({ costs: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }), extra: fc.integer({ min: 0, max: 120 }) })
	.chain(({ costs, extra }) => {
		const ids = costs.map((_, i) => String(i + 1));
		return fc.record({
			costs: fc.constant(costs),
			budget: fc.constant(Math.max(...costs) + extra),
			ballots: fc.array(fc.subarray(ids, { minLength: 1 }), { maxLength: 30 }),
			rule: fc.constantFrom(...rules),
			utility: fc.constantFrom('cost' as const, 'unit' as const),
			fill: fc.boolean(),
			seed: fc.integer()
		});
	});

type Election = { costs: number[]; budget: number; ballots: string[][]; rule: RuleName; utility: 'cost' | 'unit'; fill: boolean; seed: number };

const pb = (e: Election, ballots = e.ballots): string => {
	const file: PbElection = {
		meta: { description: 'Eigenschap', budget: String(e.budget), vote_type: 'approval' },
		projects: e.costs.map((cost, i) => ({ id: String(i + 1), cost, name: `Project ${i + 1}`, extra: {} })),
		votes: ballots.map((b, i) => ({ voterId: `v${i + 1}`, projectIds: b, extra: {} }))
	};
	return writePabulib(file);
};

const options = (e: Election) => ({ utility: e.utility, fill: e.rule === 'equal-shares' ? e.fill : false, completion: 'add1' as const });
const importAs = async (e: Election, text: string) =>
	(await importPabulibTestRound(ctx, await f.actor('wim'), { buurtId: f.lindebuurt, rule: e.rule, utility: e.utility, fill: e.rule === 'equal-shares' ? e.fill : undefined, text })).id;
const stored = async (roundId: string) => (await getRoundResults(db, await f.actor('wim'), roundId, ctx.clock())).result;

/** Deterministic shuffle, so a failing case can be replayed from its seed. */
function shuffle<T>(items: T[], seed: number): T[] {
	const out = [...items];
	let s = seed >>> 0;
	for (let i = out.length - 1; i > 0; i--) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

describe('counting through the database', () => {
	it('equals counting the same ballots directly, for every rule', async () => {
		await fc.assert(
			fc.asyncProperty(election, async (e) => {
				const id = await importAs(e, pb(e));
				const direct = count(e.rule, { budget: e.budget, projects: e.costs.map((cost, i) => ({ id: String(i + 1), cost })), ballots: e.ballots }, options(e));
				const result = await stored(id);
				expect(result.count).toEqual(JSON.parse(JSON.stringify(direct)));
				expect(result.winners).toEqual(direct.winners);
				expect(result.spentCents).toBe(direct.spent * 100);
				expect(result.ballots).toBe(e.ballots.length);
			}),
			{ numRuns: 40 }
		);
	});

	it('does not depend on the order the ballots arrive in', async () => {
		await fc.assert(
			fc.asyncProperty(election, async (e) => {
				const a = await stored(await importAs(e, pb(e)));
				const b = await stored(await importAs(e, pb(e, shuffle(e.ballots, e.seed))));
				expect(b.count).toEqual(a.count);
				expect(b.winners).toEqual(a.winners);
			}),
			{ numRuns: 25 }
		);
	});

	it('export → import gives the same result', async () => {
		await fc.assert(
			fc.asyncProperty(election, async (e) => {
				const first = await importAs(e, pb(e));
				const { text } = await exportRoundPabulib(db, await f.actor('anna'), first, ctx.clock());
				const again = await stored(await importAs(e, text));
				const original = await stored(first);
				expect(again.count).toEqual(original.count);
				expect([again.budgetCents, again.spentCents, again.votes]).toEqual([original.budgetCents, original.spentCents, original.votes]);
			}),
			{ numRuns: 25 }
		);
	});
});

describe('a real round: households, paper ballots, costs with cents', () => {
	it('the close counts what was entered, like counting it directly; export → import agrees', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					costs: fc.array(fc.integer({ min: 100, max: 20_000 }), { minLength: 1, maxLength: 5 }),
					extra: fc.integer({ min: 0, max: 20_000 }),
					picks: fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { maxLength: homes.length }),
					rule: fc.constantFrom(...rules),
					utility: fc.constantFrom('cost' as const, 'unit' as const),
					fill: fc.boolean()
				}),
				async ({ costs, extra, picks, rule, utility, fill }) => {
					n++;
					const proposalIds = [];
					for (const [i, cost] of costs.entries()) proposalIds.push(await f.accepted(`Plan ${n}-${i + 1}`, cost));
					const budget = Math.max(...costs) + extra;
					const round = await f.open({ proposalIds, budgetCents: budget, rule, maxChoices: rule === 'approval' ? Math.min(2, costs.length) : undefined, utility, fill: rule === 'equal-shares' ? fill : undefined });
					const rulesOfBallot = { budget, costs: new Map(costs.map((c, i) => [String(i + 1), c])), maxChoices: rule === 'approval' ? Math.min(2, costs.length) : undefined, minChoices: 1 };
					const ballots = picks
						.map((p) => costs.map((_, i) => String(i + 1)).filter((_, i) => p[i]))
						.filter((b) => validateBallot(rule, b, rulesOfBallot) === null);
					const wim = await f.actor('wim');
					for (const [i, choices] of ballots.entries()) await enterPaperBallot(ctx, wim, { roundId: round, ...homes[i], choices });
					ctx.advance(25 * f.hour);
					await closeRound(ctx, wim, { roundId: round });
					const res = await getRoundResults(db, wim, round, ctx.clock());
					const factor = costs.every((c) => c % 100 === 0) ? 100 : 1;
					const direct = count(rule, { budget: budget / factor, projects: costs.map((c, i) => ({ id: String(i + 1), cost: c / factor })), ballots }, { utility, fill: rule === 'equal-shares' ? fill : false, completion: 'add1' });
					expect(res.result.count).toEqual(JSON.parse(JSON.stringify(direct)));
					expect([res.paper, res.online, res.ballots]).toEqual([ballots.length, 0, ballots.length]);
					expect(res.spentCents + res.leftCents).toBe(budget);
					const { text } = await exportRoundPabulib(db, wim, round, ctx.clock());
					const copy = await stored((await importPabulibTestRound(ctx, wim, { buurtId: f.lindebuurt, rule, utility, fill: rule === 'equal-shares' ? fill : undefined, text })).id);
					expect(copy.winners).toEqual(res.result.winners);
					expect([copy.spentCents, copy.votes]).toEqual([res.spentCents, res.result.votes]);
				}
			),
			{ numRuns: 12 }
		);
	});
});
