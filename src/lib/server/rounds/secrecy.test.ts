import { Writable } from 'node:stream';
import pino from 'pino';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import type { Actor } from '../people';
import { translator } from '../../i18n';
import { parsePabulib } from '../counting';
import { createRoundFixture, type RoundFixture } from './test-fixtures';
import { castBallot, enterPaperBallot, ballotKey } from './ballots';
import { closeRound } from './results';
import { exportRoundPabulib } from './pabulib-io';
import * as roundApi from '../../../routes/api/v1/rounds/[id]/+server';
import * as listApi from '../../../routes/api/v1/rounds/+server';
import * as ballotApi from '../../../routes/api/v1/rounds/[id]/ballot/+server';
import * as resultsApi from '../../../routes/api/v1/rounds/[id]/results/+server';
import * as exportApi from '../../../routes/api/v1/rounds/[id]/export/+server';

/**
 * The secret ballot, checked from the outside: what the tables can hold, what pages and the API
 * return to admins and neighbours, what the export contains, what the logs say.
 */

let db: Db;
let ctx: TestCtx;
let f: RoundFixture;
const logLines: string[] = [];
let round: string;
let unitIds: string[];

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	// Everything the use cases log, at the most talkative level.
	ctx.log = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
	f = await createRoundFixture(db, ctx);
	const ids = [await f.accepted('Speeltoestel', 40_000), await f.accepted('Bloembakken', 30_000), await f.accepted('Picknicktafel', 20_000)];
	round = await f.open({ proposalIds: ids, budgetCents: 100_000, rule: 'approval', maxChoices: 3 });
	await castBallot(ctx, await f.actor('anna'), { roundId: round, choices: ['1', '2'] });
	await castBallot(ctx, await f.actor('noor'), { roundId: round, choices: ['3'] });
	await castBallot(ctx, await f.actor('h1'), { roundId: round, choices: ['2', '3'] });
	await enterPaperBallot(ctx, await f.actor('wim'), { roundId: round, ...(await f.paperHousehold()), choices: ['1'] });
	unitIds = (await db.query<{ unit_id: string }>('SELECT unit_id FROM buurtpot_round_voters WHERE round_id = $1', [round])).map((r) => r.unit_id);
});
afterAll(() => db.close());

/** A SvelteKit request event, as the API routes receive it. */
function event(actor: Actor, params: Record<string, string>, init: { method?: string; body?: unknown } = {}): RequestEvent {
	const url = new URL(`http://noaber.test/api/v1/rounds/${params.id ?? ''}`);
	return {
		locals: { actor, ctx, t: translator('nl'), locale: 'nl', requestId: 'test', sessionToken: null },
		params,
		url,
		request: new Request(url, { method: init.method ?? 'GET', ...(init.body ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } } : {}) })
	} as unknown as RequestEvent;
}
const call = async (handler: (e: RequestEvent) => Promise<Response> | Response, e: RequestEvent) => {
	const res = await handler(e);
	const text = await res.text();
	return { status: res.status, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
};

describe('the tables cannot link a household to its choices', () => {
	it('ballots have no account, unit, time or sequence column and no foreign key but the round', async () => {
		const columns = await db.query<{ column_name: string }>(
			`SELECT column_name FROM information_schema.columns WHERE table_name = 'buurtpot_round_ballots' ORDER BY ordinal_position`
		);
		expect(columns.map((c) => c.column_name)).toEqual(['round_id', 'ballot_key', 'choices']);
		const fks = await db.query<{ target: string }>(
			`SELECT ccu.table_name AS target FROM information_schema.table_constraints tc
			 JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
			 WHERE tc.table_name = 'buurtpot_round_ballots' AND tc.constraint_type = 'FOREIGN KEY'`
		);
		expect(fks.map((f) => f.target)).toEqual(['buurtpot_rounds']);
		const voterColumns = await db.query<{ column_name: string }>(
			`SELECT column_name FROM information_schema.columns WHERE table_name = 'buurtpot_round_voters' ORDER BY ordinal_position`
		);
		expect(voterColumns.map((c) => c.column_name)).toEqual(['round_id', 'unit_id', 'voted_via', 'voted_on', 'entered_by']);
	});

	it('ballot keys are not unit ids, nor any plain function of them', async () => {
		const keys = (await db.query<{ ballot_key: string }>('SELECT ballot_key FROM buurtpot_round_ballots WHERE round_id = $1', [round])).map((r) => r.ballot_key);
		expect(keys).toHaveLength(4);
		for (const unit of unitIds) {
			for (const k of keys) expect(k).not.toContain(unit.replace(/-/g, ''));
			// Without the round's secret, an HMAC with any other key gives nothing.
			expect(keys).not.toContain(ballotKey(new Uint8Array(32), round, unit));
		}
	});

	it('nothing about ballots goes into the idempotency store or the audit log', async () => {
		const idem = await db.query<{ operation: string }>(`SELECT operation FROM help_idempotency WHERE operation LIKE 'rounds.%'`);
		expect(idem.filter((r) => r.operation !== 'rounds.open')).toEqual([]);
		const audit = await db.query<{ action: string; details: unknown }>(`SELECT action, details FROM audit_log WHERE subject = $1`, [`round:${round}`]);
		expect(audit.map((a) => a.action).sort()).toEqual(['rounds.opened', 'rounds.paper_ballot_entered']);
		const text = JSON.stringify(audit);
		for (const unit of unitIds) expect(text).not.toContain(unit);
		expect(text).not.toMatch(/choices/);
	});
});

describe('before the close: nothing to see, for anyone', () => {
	it('an admin sees the round and how many households voted — never what', async () => {
		const admin = await f.actor('admin');
		const r = await call(roundApi.GET, event(admin, { id: round }));
		expect(r.status).toBe(200);
		expect(r.json.turnout).toEqual({ online: 3, paper: 1 });
		expect(r.text).not.toMatch(/"votes"|"choices"|"winners"|"result"/);
		for (const unit of unitIds) expect(r.text).not.toContain(unit);
		// Staff have no household here: no ballot of theirs, and nobody else's.
		const mine = await call(ballotApi.GET, event(admin, { id: round }));
		expect(mine.json).toMatchObject({ household: null, voted: false, choices: null });
	});

	it('results and export answer 404 for admins and neighbours alike', async () => {
		for (const who of ['admin', 'wim', 'anna'] as const) {
			const actor = await f.actor(who);
			const res = await call(resultsApi.GET, event(actor, { id: round }));
			expect([res.status, res.json.error.code]).toEqual([404, 'rounds.results_not_found']);
			const exp = await call(exportApi.GET, event(actor, { id: round }));
			expect([exp.status, exp.json.error.code]).toEqual([404, 'rounds.results_not_found']);
		}
		const list = await call(listApi.GET, event(await f.actor('admin'), {}));
		expect(list.text).not.toMatch(/"votes"|"winners"|"result"/);
	});

	it('a household sees only its own ballot; the API has no way to ask for another', async () => {
		const anna = await call(ballotApi.GET, event(await f.actor('anna'), { id: round }));
		expect(anna.json).toMatchObject({ voted: true, via: 'online', choices: ['1', '2'] });
		const sanne = await call(ballotApi.GET, event(await f.actor('sanne'), { id: round }));
		expect(sanne.json.choices).toEqual(['1', '2']); // same household
		const h2 = await call(ballotApi.GET, event(await f.actor('h2'), { id: round }));
		expect(h2.json).toMatchObject({ voted: false, choices: null });
		// Someone from another buurt: as if the round did not exist.
		const olga = await call(ballotApi.PUT, event(await f.actor('olga'), { id: round }, { method: 'PUT', body: { choices: ['1'] } }));
		expect([olga.status, olga.json.error.code]).toEqual([404, 'rounds.not_found']);
		// Bad input is a 4xx with a message, never a 500.
		const bad = await call(ballotApi.PUT, event(await f.actor('h2'), { id: round }, { method: 'PUT', body: { choices: 'alles' } }));
		expect(bad.status).toBe(400);
		const over = await call(ballotApi.PUT, event(await f.actor('h2'), { id: round }, { method: 'PUT', body: { choices: ['1', '2', '3', '4'] } }));
		expect([over.status, over.json.error.code]).toEqual([400, 'rounds.ballot_unknown_proposal']);
	});
});

describe('after the close', () => {
	const xmins = (table: string) => db.query<{ x: string }>(`SELECT xmin::text AS x FROM ${table} WHERE round_id = $1`, [round]).then((rows) => rows.map((r) => r.x));
	let keysBefore: string[];
	let voterXminsBefore: string[];
	beforeAll(async () => {
		keysBefore = (await db.query<{ ballot_key: string }>('SELECT ballot_key FROM buurtpot_round_ballots WHERE round_id = $1', [round])).map((r) => r.ballot_key);
		voterXminsBefore = await xmins('buurtpot_round_voters');
		// During the vote the database itself links them: a ballot shares its transaction id with its voter row.
		expect((await xmins('buurtpot_round_ballots')).some((x) => voterXminsBefore.includes(x))).toBe(true);
		ctx.advance(25 * f.hour);
		await closeRound(ctx, await f.actor('wim'), { roundId: round });
	});

	it('ballots were written again: new keys, one transaction id, none shared with a voter row', async () => {
		const keysAfter = (await db.query<{ ballot_key: string }>('SELECT ballot_key FROM buurtpot_round_ballots WHERE round_id = $1', [round])).map((r) => r.ballot_key);
		expect(keysAfter).toHaveLength(keysBefore.length);
		expect(keysAfter.filter((k) => keysBefore.includes(k))).toEqual([]);
		const ballotXmins = await xmins('buurtpot_round_ballots');
		expect(new Set(ballotXmins).size).toBe(1);
		expect(ballotXmins.filter((x) => voterXminsBefore.includes(x))).toEqual([]);
		// And the HMAC of a household's unit finds nothing, whatever the key.
		expect(await db.query('SELECT * FROM buurtpot_round_secrets WHERE round_id = $1', [round])).toEqual([]);
	});

	it('results show counts per proposal only', async () => {
		const res = await call(resultsApi.GET, event(await f.actor('anna'), { id: round }));
		expect(res.status).toBe(200);
		expect(res.json.proposals.map((p: { votes: number }) => p.votes).sort()).toEqual([2, 2, 2]);
		expect([res.json.ballots, res.json.online, res.json.paper]).toEqual([4, 3, 1]);
		for (const unit of unitIds) expect(res.text).not.toContain(unit);
		for (const who of Object.values(f.ids)) expect(res.text).not.toContain(who);
		expect(res.json.explanation.tieBreaking).toMatch(/goedkoopste/);
	});

	it('the export has voter ids 1…n, no unit or account ids, and the same ballots', async () => {
		const exp = await call(exportApi.GET, event(await f.actor('noor'), { id: round }));
		expect(exp.status).toBe(200);
		for (const unit of unitIds) expect(exp.text).not.toContain(unit);
		for (const who of Object.values(f.ids)) expect(exp.text).not.toContain(who);
		const pb = parsePabulib(exp.text);
		expect(pb.votes.map((v) => v.voterId)).toEqual(['1', '2', '3', '4']);
		expect(pb.votes.map((v) => v.projectIds.join(',')).sort()).toEqual(['1', '1,2', '2,3', '3']);
		expect(Object.keys(pb.votes[0].extra)).toEqual([]);
		expect(pb.projects.map((p) => [p.id, p.cost, p.selected])).toEqual([['1', 400, 1], ['2', 300, 1], ['3', 200, 1]]);
	});

	it('the export order is random each time (voter ids say nothing about who voted when)', async () => {
		const wim = await f.actor('wim');
		const orders = new Set<string>();
		for (let i = 0; i < 20; i++) orders.add(parsePabulib((await exportRoundPabulib(db, wim, round, ctx.clock())).text).votes.map((v) => v.projectIds.join('+')).join('|'));
		expect(orders.size).toBeGreaterThan(1);
	});

	it('no log line holds a ballot, a unit or a voter', () => {
		const all = logLines.join('\n');
		expect(all).toContain('buurtpot round closed');
		expect(all).not.toMatch(/choices/);
		for (const unit of unitIds) expect(all).not.toContain(unit);
		for (const who of [f.ids.anna, f.ids.noor, f.ids.h1, f.ids.sanne]) expect(all).not.toContain(who);
	});
});
