import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Several processes on one PostgreSQL (issue 14): two web processes (WORKER=false) and one
 * `npm run worker` share a fresh database. The Superbuurt loop (ask → check → take → done →
 * confirm → reward) and a buurtpot vote go through both web processes alternately — a session
 * made by one is used on the other, every step is sent twice (once to each) with the same
 * idempotency key — and afterwards nothing is lost or doubled: one request, one reward
 * transfer, one ballot per household, the ledger adds up, and every job ran once (each cron
 * slot completed once, by the worker; every e-mail sent once).
 * Needs PostgreSQL: TEST_DATABASE_URL (CI sets it; .ci/run).
 */
const server = process.env.TEST_DATABASE_URL;
if (!server) console.warn('multiprocess.test.ts skipped: set TEST_DATABASE_URL to a PostgreSQL server (the test starts three processes on one database)');

const freePort = () =>
	new Promise<number>((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});

const children: ChildProcess[] = [];
const dirs: string[] = [];
let dbUrl = '';
let dbName = '';
const bases: string[] = [];

async function startWeb(): Promise<string> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'noaber-mp-'));
	dirs.push(dataDir);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, PORT: String(port), ORIGIN: base, DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: dbUrl, WORKER: 'false' },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	children.push(child);
	for (let i = 0; i < 720; i++) {
		if (child.exitCode !== null) throw new Error(`web process exited with ${child.exitCode}`);
		if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) return base;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('web process not ready in three minutes');
}

let db: pg.Pool;

beforeAll(async () => {
	if (!server) return;
	dbName = `noaber_mp_${randomBytes(5).toString('hex')}`;
	const admin = new pg.Client({ connectionString: server });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${dbName}`);
	await admin.end();
	const u = new URL(server);
	u.pathname = `/${dbName}`;
	dbUrl = u.toString();
	// The first process migrates and seeds the demo; the others then find it done.
	bases.push(await startWeb());
	bases.push(await startWeb());
	// The worker exactly as production runs it (its own process group, so it stops with its children).
	const worker = spawn('npm', ['run', 'worker'], { env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', NODE_ENV: 'development' }, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
	children.push(worker);
	db = new pg.Pool({ connectionString: dbUrl, max: 2 });
	// The worker has started when it has scheduled the cron jobs.
	for (let i = 0; i < 240; i++) {
		const r = await db.query(`SELECT count(*)::int AS n FROM pgboss.schedule`).catch(() => ({ rows: [{ n: 0 }] }));
		if (r.rows[0].n > 0) break;
		await new Promise((r) => setTimeout(r, 500));
	}
}, 240_000);

afterAll(async () => {
	await db?.end();
	for (const c of children) {
		if (c.exitCode !== null) continue;
		try {
			if (c.spawnargs[0] === 'npm') process.kill(-c.pid!, 'SIGTERM');
			else c.kill('SIGTERM');
		} catch {
			/* already gone */
		}
		await new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)));
	}
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
	if (dbName) {
		const admin = new pg.Client({ connectionString: server });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
		await admin.end();
	}
}, 60_000);

/** A bearer session made on web process `on`. */
async function token(on: number, email: string): Promise<string> {
	const r = await fetch(`${bases[on]}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'noaber-demo-2026' }) });
	expect(r.status, `login ${email}`).toBe(201);
	return ((await r.json()) as { token: string }).token;
}

/** The same call to both web processes (first `first`, then the other), same idempotency key: both answers. */
async function twice(first: number, method: string, p: string, tok: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }[]> {
	const key = `mp-${randomBytes(8).toString('hex')}`;
	const out = [];
	for (const on of [first, 1 - first]) {
		const r = await fetch(`${bases[on]}${p}`, { method, headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
		out.push({ status: r.status, json: (await r.json()) as Record<string, unknown> });
	}
	return out;
}

describe.skipIf(!server)('two web processes and a worker on one PostgreSQL', () => {
	it('the Superbuurt loop and a vote through both, alternately: nothing lost, nothing doubled, every job once', { timeout: 240_000 }, async () => {
		const since = new Date();
		// Sessions live in the database: a token made on one process works on the other.
		const anna = await token(0, 'anna@demo.noaber.test');
		const bram = await token(1, 'bram@demo.noaber.test');
		const noor = await token(0, 'noor@demo.noaber.test');
		const me = await fetch(`${bases[1]}/api/v1/me`, { headers: { authorization: `Bearer ${anna}` } });
		expect(me.status).toBe(200);
		const buurtId = ((await me.json()) as { roles: { memberOf: string[] } }).roles.memberOf[0];

		// Ask (A then B, same key): one request.
		const asked = await twice(0, 'POST', '/api/v1/help', anna, { buurtId, category: 'onderhoud_gedeeld', title: 'Twee servers, één vraag', description: 'Wie helpt de bank in de tuin te verven?', when: 'flexible', urgency: 'no_rush', place: 'shared' });
		expect(asked.map((a) => a.status)).toEqual([201, 201]);
		const id = asked[0].json.id as string;
		expect(asked[1].json.id).toBe(id);
		const steps: [number, string, Record<string, string>][] = [
			[1, bram, { action: 'publish', reason: 'Duidelijke vraag, gaat door.' }],
			[0, noor, { action: 'take' }],
			[1, noor, { action: 'mark_done' }],
			[0, anna, { action: 'confirm' }]
		];
		for (const [first, tok, body] of steps) {
			const action = body.action;
			const r = await twice(first, 'POST', `/api/v1/help/${id}/transitions`, tok, body);
			expect(r.map((x) => x.status), `${action}: ${JSON.stringify(r.map((x) => x.json))}`).toEqual([200, 200]);
			expect(r[1].json).toEqual(r[0].json);
		}
		const [req] = (await db.query(`SELECT state, (SELECT count(*)::int FROM help_requests WHERE title = 'Twee servers, één vraag') AS n FROM help_requests WHERE id = $1`, [id])).rows;
		expect(req).toEqual({ state: 'confirmed', n: 1 });
		const history = (await db.query(`SELECT action FROM help_history WHERE request_id = $1 ORDER BY id`, [id])).rows.map((h) => h.action);
		expect(history.filter((a) => a === 'confirm')).toHaveLength(1);
		// The reward: one row, one transfer (or waiting, once), never two.
		const rewards = (await db.query(`SELECT status FROM help_rewards WHERE request_id = $1`, [id])).rows;
		expect(rewards).toHaveLength(1);
		const transfers = (await db.query(`SELECT count(*)::int AS n FROM ledger_transfers WHERE id LIKE '%' || $1 || '%'`, [id])).rows[0].n;
		expect(transfers).toBe(rewards[0].status === 'paid' ? 1 : 0);

		// A vote: the household's ballot sent to B then A (same key), then replaced through A: one voter row, one ballot.
		const rounds = (await (await fetch(`${bases[0]}/api/v1/rounds?buurtId=${buurtId}`, { headers: { authorization: `Bearer ${anna}` } })).json()) as { rounds: { id: string; phase: string; isTest: boolean }[] };
		const open = rounds.rounds.find((r) => r.phase === 'open' && !r.isTest)!;
		expect(open, 'the demo has an open round in the Lindebuurt').toBeTruthy();
		const round = (await (await fetch(`${bases[1]}/api/v1/rounds/${open.id}`, { headers: { authorization: `Bearer ${anna}` } })).json()) as { proposals: { projectId: string; costCents: number }[]; budgetCents: number };
		const ballotsBefore = (await db.query(`SELECT count(*)::int AS n FROM buurtpot_round_ballots WHERE round_id = $1`, [open.id])).rows[0].n;
		const votersBefore = (await db.query(`SELECT count(*)::int AS n FROM buurtpot_round_voters WHERE round_id = $1`, [open.id])).rows[0].n;
		const choice = [round.proposals.sort((a, b) => a.costCents - b.costCents)[0].projectId];
		const voted = await twice(1, 'PUT', `/api/v1/rounds/${open.id}/ballot`, anna, { choices: choice });
		expect(voted.map((v) => v.status), JSON.stringify(voted.map((v) => v.json))).toEqual([200, 200]);
		const again = await twice(0, 'PUT', `/api/v1/rounds/${open.id}/ballot`, anna, { choices: choice });
		expect(again.map((v) => v.status)).toEqual([200, 200]);
		const after = (await db.query(`SELECT (SELECT count(*)::int FROM buurtpot_round_ballots WHERE round_id = $1) AS ballots, (SELECT count(*)::int FROM buurtpot_round_voters WHERE round_id = $1) AS voters`, [open.id])).rows[0];
		// Anna's household may have voted in the demo already (then it is replaced, not added).
		expect(after.voters - votersBefore).toBeLessThanOrEqual(1);
		expect(after.ballots - ballotsBefore).toBe(after.voters - votersBefore);
		const mine = await fetch(`${bases[1]}/api/v1/rounds/${open.id}/ballot`, { headers: { authorization: `Bearer ${anna}` } });
		expect(((await mine.json()) as { voted: boolean }).voted).toBe(true);

		// Jobs: the worker sends the e-mails of these steps (cron every minute). Wait until every
		// delivery made since the start is done, then check each was sent once.
		let pending = 1;
		for (let i = 0; i < 150 && pending > 0; i++) {
			pending = (await db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE created_at >= $1 AND mode = 'instant' AND status = 'pending'`, [since])).rows[0].n;
			if (pending) await new Promise((r) => setTimeout(r, 1000));
		}
		expect(pending, 'instant e-mails still pending after two and a half minutes').toBe(0);
		expect((await db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE created_at >= $1 AND status = 'sent'`, [since])).rows[0].n).toBeGreaterThan(0);
		// Every e-mail the worker wrote since the start belongs to one delivery marked sent since then
		// (deliveries are unique per item and channel): a delivery sent twice would add an outbox row.
		const sent = (await db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE sent_at >= $1`, [since])).rows[0].n;
		const outbox = (await db.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE created_at >= $1`, [since])).rows[0].n;
		expect(outbox, 'e-mails written vs deliveries sent').toBe(sent);
		// Each cron slot ran once (pg-boss's singleton per slot across processes), and nothing failed.
		const doubled = (await db.query(`SELECT name, singleton_key, singleton_on, count(*)::int AS n FROM pgboss.job WHERE singleton_on IS NOT NULL AND state = 'completed' GROUP BY 1, 2, 3 HAVING count(*) > 1`)).rows;
		expect(doubled).toEqual([]);
		const failed = (await db.query(`SELECT name, state FROM pgboss.job WHERE state IN ('failed', 'retry')`)).rows;
		expect(failed).toEqual([]);
		const ran = (await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notifications.send_instant' AND state = 'completed'`)).rows[0].n;
		expect(ran).toBeGreaterThan(0);

		// The money still adds up.
		const sums = (await db.query(`SELECT ledger, sum(balance)::bigint AS s FROM ledger_accounts GROUP BY ledger`)).rows;
		for (const s of sums) expect(Number(s.s)).toBe(0);
	});
});
