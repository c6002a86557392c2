import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from './db/test-db';
import type { Db } from './db/client';
import { testCtx } from './shared/test-ctx';
import { checkLedger } from './ledger';
import { loadActor, seedDemoHouseholds, type DemoKey } from './people';
import { seedPotDemo } from './pot';
import { seedProposalsDemo } from './proposals';
import { seedRoundsDemo } from './rounds';
import { listProposals } from './proposals';
import { castBallot, getRound, getRoundResults, listRounds } from './rounds';
import { seedDemoNeighbourhood } from './demo';
import { demoAccounts } from './people';
import { getSurveyResults, listBuurtActions, listMySurveys, seedVoiceDemo } from './voice';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(() => db.close());

const emailOf = (key: (typeof demoAccounts)[number]['key']) => demoAccounts.find((a) => a.key === key)!.email;

describe('The demo neighbourhood', () => {
	// One clock for the whole file: the demo is seeded relative to "now" and read at that now.
	let c: ReturnType<typeof testCtx>;
	const ctx = () => (c ??= testCtx(db));
	const actor = async (key: (typeof demoAccounts)[number]['key']) => {
		const [a] = await db.query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [emailOf(key)]);
		return (await loadActor(db, a.id, ctx().clock()))!;
	};

	it('funds both buurten, completes one request and leaves one open; the ledger adds up', async () => {
		await seedDemoNeighbourhood(ctx());
		const states = await db.query<{ state: string }>('SELECT state FROM help_requests ORDER BY created_at');
		// The dashboard's demo (dashboard/demo.ts): ten requests between the households over the past months, first in time.
		expect(states.map((s) => s.state).sort()).toEqual([...Array(11).fill('confirmed'), 'published']);
		const pots = await db.query<{ kind: string; balance: number }>(
			`SELECT a.kind, a.balance FROM ledger_accounts a JOIN buurten b ON b.id = a.buurt_id WHERE b.name = 'Lindebuurt' ORDER BY a.kind`
		);
		// €3,500 in, €950 paid out to the spring round's winners, €15 rewards in — and €15 for each of the dashboard demo's ten requests.
		expect(pots.map((p) => [p.kind, Number(p.balance)])).toEqual(expect.arrayContaining([['buurtpot', 350_000 - 95_000 + 1500 + 10 * 1500], ['funding', 23_500 - 10 * 1500], ['expense', 95_000]]));
		expect((await checkLedger(db)).ok).toBe(true);
	});

	it('has enough households in the Lindebuurt for the support rule, and proposals in every step', async () => {
		const [{ n }] = await db.query<{ n: number }>(
			`SELECT count(DISTINCT m.unit_id)::int AS n FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id WHERE b.name = 'Lindebuurt'`
		);
		expect(n).toBeGreaterThanOrEqual(10);
		const anna = await actor('tenant');
		const list = await listProposals(db, anna, { buurtId: anna.memberBuurtIds[0] }, ctx().clock());
		const byTitle = Object.fromEntries(list.map((p) => [p.title, [p.status, p.supportCount, p.supportNeeded]]));
		expect(byTitle).toMatchObject({
			'Moestuinbakken bij de Eikenlaan': ['support', 4, 5],
			'Boekenkastje bij de bushalte': ['support', 2, 5],
			'Verlichting bij de fietsenstalling': ['feasibility', 5, 5],
			'Speeltoestel voor de kleintjes': ['accepted', 5, 5],
			'Picknicktafel in het Lindepark': ['in_progress', 5, 5],
			'Bloembakken langs de Eikenlaan': ['in_progress', 5, 5],
			'Kerstverlichting in de Lindehof': ['lost', 5, 5],
			'Buurtfeest op het plein': ['in_vote', 5, 5]
		});
	});

	it('has a closed round with results and an open round that takes Anna’s ballot', async () => {
		const anna = await actor('tenant');
		const now = ctx().clock();
		const rounds = await listRounds(db, anna, {}, now);
		expect(rounds.map((r) => [r.title, r.phase])).toEqual([
			['Buurtpot zomer (demo)', 'open'],
			['Buurtpot voorjaar (demo)', 'closed']
		]);
		const closed = await getRoundResults(db, anna, rounds[1].id, now);
		expect([closed.ballots, closed.spentCents, closed.proposals.filter((p) => p.won).map((p) => p.title)]).toEqual([8, 95_000, ['Picknicktafel in het Lindepark', 'Bloembakken langs de Eikenlaan']]);
		const open = await getRound(db, anna, rounds[0].id, now);
		expect([open.can.vote, open.household?.voted]).toEqual([true, false]);
		expect(await castBallot(ctx(), anna, { roundId: open.id, choices: [open.proposals[0].projectId] })).toMatchObject({ replaced: false });
		expect((await getRound(db, await actor('employee'), open.id, now)).turnout).toEqual({ online: 4, paper: 0 });
	});

	it('adds nothing when the modules’ demo parts run again (idempotent)', async () => {
		const counts = async () =>
			(await db.query<{ n: string }>(
				`SELECT concat_ws(',', (SELECT count(*) FROM accounts), (SELECT count(*) FROM memberships), (SELECT count(*) FROM buurtpot_proposals), (SELECT count(*) FROM buurtpot_supports),
					(SELECT count(*) FROM buurtpot_rounds), (SELECT count(*) FROM buurtpot_round_voters), (SELECT count(*) FROM buurtpot_payments), (SELECT count(*) FROM ledger_transfers)) AS n`
			))[0].n;
		const before = await counts();
		const ids = Object.fromEntries(await Promise.all(demoAccounts.map(async (a) => [a.key, (await actor(a.key)).accountId]))) as Record<DemoKey, string>;
		const households = await seedDemoHouseholds(ctx());
		await seedPotDemo(ctx(), ids);
		await seedRoundsDemo(ctx(), { ids, households });
		await seedProposalsDemo(ctx(), { ids, households });
		expect(await counts()).toBe(before);
		expect((await checkLedger(db)).ok).toBe(true);
	});

	it('has a closed seed survey with results, one with fewer than 5 answers ("<5"), and an action linked to it', async () => {
		const anna = await actor('tenant');
		const surveys = await listMySurveys(db, anna, ctx().clock());
		expect(surveys.map((s) => s.phase)).toEqual(['closed', 'closed']);
		const seed = await getSurveyResults(db, anna, surveys.find((s) => s.title.startsWith('Gelijkwaardig'))!.id, ctx().clock(), 'nl');
		expect(seed.respondents).toBe(8);
		expect(seed.questions.find((q) => q.kind === 'grade')!.mean).toBe(6.9);
		expect(seed.questions.filter((q) => q.kind === 'open').map((q) => q.open!.published)).toEqual([true, true, true, true]);
		expect(JSON.stringify(seed)).not.toContain('Lindehof 1');
		const small = await getSurveyResults(db, anna, surveys.find((s) => s.title.startsWith('Buurtonderzoek'))!.id, ctx().clock(), 'nl');
		expect(small.respondents).toBeNull();
		const page = await listBuurtActions(db, anna, anna.memberBuurtIds[0], 'nl');
		expect(page.actions.map((a) => [a.status, a.inputs.length, a.inputs[0].figure?.value])).toEqual([['doing', 2, 6.9]]);
		// Seeding again adds nothing.
		const ids = Object.fromEntries(await Promise.all(demoAccounts.map(async (a) => [a.key, (await actor(a.key)).accountId]))) as Record<DemoKey, string>;
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_surveys');
		await seedVoiceDemo(ctx(), { ids, households: [] });
		expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_surveys'))[0].n).toBe(n);
	});
});
