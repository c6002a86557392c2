import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { translator } from '../../i18n';
import { count, parsePabulib, toCountInput } from '../counting';
import { errorOf } from '../proposals/test-fixtures';
import { createRoundFixture, type RoundFixture } from './test-fixtures';
import { exportRoundPabulib, importPabulibTestRound } from './pabulib-io';
import { explainResults, getRoundResults } from './results';
import { getRound, listRounds } from './rounds';
import { castBallot } from './ballots';

let db: Db;
let ctx: TestCtx;
let f: RoundFixture;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createRoundFixture(db, ctx);
});
afterAll(() => db.close());

/** The worked example of equalshares.net's explainer, in a .pb file. */
const example = `META
key;value
description;Voorbeeld
country;Netherlands
unit;Noaberveen
num_projects;4
num_votes;6
budget;1000
vote_type;approval
PROJECTS
project_id;cost;name
1;600;Speeltuin
2;400;Bankjes
3;300;Moestuin
4;200;Kunst
VOTES
voter_id;vote
a;1,2
b;1,2
c;1,3
d;3,4
e;4
f;2
`;

const imp = async (text: string, over: Record<string, unknown> = {}) => importPabulibTestRound(ctx, await f.actor('wim'), { buurtId: f.lindebuurt, rule: 'equal-shares', text, fileName: 'voorbeeld.pb', ...over });
const roundCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM buurtpot_rounds'))[0].n;

describe('importing a Pabulib file as a test round', () => {
	it('counts it with the chosen rule, exactly as the counting module does, and marks it as a test', async () => {
		for (const rule of ['knapsack', 'approval', 'equal-shares'] as const) {
			const { id, ballots, projects } = await imp(example, { rule });
			expect([ballots, projects]).toEqual([6, 4]);
			const res = await getRoundResults(db, await f.actor('anna'), id, ctx.clock());
			const direct = count(rule, toCountInput(parsePabulib(example)), { completion: 'add1' });
			expect(res.result.winners).toEqual(direct.winners);
			expect(res.result.count).toEqual(JSON.parse(JSON.stringify(direct)));
			expect(res.spentCents).toBe(direct.spent * 100);
			expect(res.round).toMatchObject({ isTest: true, title: 'Voorbeeld', currency: 'EUR' });
			expect(res.imported).toBe(6);
			// Visible to the buurt, marked as a test; no money and no proposals involved.
			const round = await getRound(db, await f.actor('anna'), id, ctx.clock());
			expect(round).toMatchObject({ phase: 'test', isTest: true, household: null, can: { vote: false } });
			// A member cannot vote in it.
			expect((await errorOf(castBallot(ctx, await f.actor('anna'), { roundId: id, choices: ['1'] }))).details).toEqual({ reason: 'closed' });
		}
		expect((await listRounds(db, await f.actor('anna'), {}, ctx.clock())).filter((r) => r.isTest)).toHaveLength(3);
	});

	it('explains the count in Dutch and English, with each winner’s cost per supporter', async () => {
		const { id } = await imp(example, { rule: 'equal-shares' });
		const res = await getRoundResults(db, await f.actor('anna'), id, ctx.clock());
		for (const locale of ['nl', 'en'] as const) {
			const e = explainResults(res, translator(locale), locale);
			const all = [e.rule, e.tieBreaking, e.money, ...e.steps].join('\n');
			expect(all).not.toMatch(/rounds\.explain/);
			expect(all).not.toMatch(/buurtpot\.$/m); // test rounds have no buurtpot
			if (locale === 'nl') {
				expect(e.steps[0]).toMatch(/^We telden 6 stembiljetten\. Het budget was €\s1\.000,00\.$/);
				expect(e.tieBreaking).toContain('het plan met het laagste nummer');
			}
		}
		for (const p of res.proposals.filter((x) => x.won && !x.byFill)) expect(p.perSupporterCents).toBeGreaterThan(0);
		expect(res.proposals.filter((x) => !x.won).every((x) => x.perSupporterCents === null)).toBe(true);
	});

	it('a broken file: a message with the line number, a 4xx, and nothing written', async () => {
		const before = await roundCount();
		const cases: [string, number, RegExp][] = [
			[example.replace('3;300;Moestuin', '3;drie;Moestuin'), 14, /cost must be a positive integer/],
			[example.replace('f;2', 'f;2,9'), 23, /unknown project '9'/],
			[example.replace('PROJECTS\n', ''), 22, /missing PROJECTS/],
			['hallo\n', 1, /section name/]
		];
		for (const [text, line, detail] of cases) {
			const e = await errorOf(imp(text));
			expect(e.code).toBe('rounds.pb_invalid');
			expect(httpStatusFor(e.code)).toBe(400);
			expect(e.details.line).toBe(line);
			expect(String(e.details.detail)).toMatch(detail);
			expect(e.fields).toEqual({ file: 'rounds.pb_file_invalid' });
			expect(translator('nl')(`errors.${e.code}`, e.details)).toMatch(new RegExp(`^Het bestand klopt niet op regel ${line}: `));
		}
		const noBudget = await errorOf(imp(example.replace('budget;1000\n', '')));
		expect([noBudget.code, noBudget.details.line]).toEqual(['rounds.pb_invalid', 0]);
		expect(translator('en')(`errors.${noBudget.code}`, noBudget.details)).toBe('The file is not right: META has no budget');
		expect((await errorOf(imp(''))).fields).toEqual({ file: 'rounds.pb_required' });
		const empty = example.replace(/PROJECTS[\s\S]*VOTES/, 'PROJECTS\nproject_id;cost;name\nVOTES').replace(/a;1,2[\s\S]*/, '');
		expect((await errorOf(imp(empty))).code).toBe('rounds.pb_no_projects');
		expect((await errorOf(imp(example, { rule: 'knapsack', fill: true }))).fields).toEqual({ fill: 'rounds.fill_only_mes' });
		// Only staff.
		expect((await errorOf(importPabulibTestRound(ctx, await f.actor('anna'), { buurtId: f.lindebuurt, rule: 'knapsack', text: example }))).code).toBe('rounds.forbidden');
		expect(await roundCount()).toBe(before);
	});

	it('export → import gives the same result, also for a round counted in cents', async () => {
		// Costs with cents: counted in cents, exported with noaber_cost_unit;cent.
		const ids = [await f.accepted('Fietsenstalling', 12_345), await f.accepted('Bloemen', 6_789), await f.accepted('Buurtkrant', 4_321)];
		const round = await f.open({ proposalIds: ids, budgetCents: 20_000, rule: 'equal-shares', utility: 'cost' });
		await castBallot(ctx, await f.actor('anna'), { roundId: round, choices: ['1', '2'] });
		await castBallot(ctx, await f.actor('noor'), { roundId: round, choices: ['2', '3'] });
		await castBallot(ctx, await f.actor('h1'), { roundId: round, choices: ['1'] });
		// Not before the close.
		expect((await errorOf(exportRoundPabulib(db, await f.actor('wim'), round, ctx.clock()))).code).toBe('rounds.results_not_found');
		ctx.advance(25 * f.hour);
		const { closeRound } = await import('./results');
		await closeRound(ctx, await f.actor('wim'), { roundId: round });
		const original = await getRoundResults(db, await f.actor('anna'), round, ctx.clock());
		expect(original.result.factor).toBe(1);
		const { text } = await exportRoundPabulib(db, await f.actor('anna'), round, ctx.clock());
		expect(parsePabulib(text).meta).toMatchObject({ noaber_cost_unit: 'cent', budget: '20000', rule: 'equalshares/add1', num_votes: '3' });
		const copy = await imp(text, { rule: 'equal-shares', utility: 'cost' });
		const again = await getRoundResults(db, await f.actor('anna'), copy.id, ctx.clock());
		expect(again.result.winners).toEqual(original.result.winners);
		expect(again.result.votes).toEqual(original.result.votes);
		expect([again.spentCents, again.leftCents, again.budgetCents]).toEqual([original.spentCents, original.leftCents, original.budgetCents]);
		expect(again.proposals.map((p) => [p.title, p.costCents])).toEqual(original.proposals.map((p) => [p.title, p.costCents]));
	});
});
