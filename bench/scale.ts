// npm run bench -- scale
// The main pages on the large seed (npm run seed -- --scale large) on PostgreSQL, 16 concurrent
// connections: p50/p95/p99 per page through the production server, each beside a reference
// measured in the same run — a plain indexed SELECT of the same rows, also 16 at a time, straight
// from a pg pool. Goal (issue 14): every page p95 < 200 ms. Not in CI: it needs the large seed.
//
//   BENCH_SCALE_URL   the database with the large seed (default postgres://postgres@127.0.0.1:5432/noaber_scale)
//   BENCH_SECONDS     seconds per measurement (default 10)
import { existsSync } from 'node:fs';
import pg from 'pg';
import { login, startApp } from './home';

const url = process.env.BENCH_SCALE_URL ?? 'postgres://postgres@127.0.0.1:5432/noaber_scale';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const GOAL_P95_MS = 200;

interface Ids {
	lindebuurt: string;
	corporation: string;
	buurtpot: string;
	round: string;
}

/**
 * One row per page: who reads it, its address, and the reference SELECT of the rows it shows.
 * `when` leaves a row out (with a reason) while its module is not there yet: the dashboard rows
 * appear once the dashboard module is merged.
 */
interface PageRow {
	page: string;
	who: string;
	path: (ids: Ids) => string;
	reference: { sql: string; params: (ids: Ids) => unknown[] };
	when?: () => string | null;
}

const dashboardMissing = () => (existsSync('src/routes/(app)/dashboard') || existsSync('src/lib/server/dashboard') ? null : 'the dashboard module is not merged yet');

export const pages: PageRow[] = [
	{
		page: 'member home',
		who: 'anna',
		path: () => '/home',
		reference: { sql: `SELECT id, title, published_at FROM help_requests WHERE buurt_id = $1 AND state = 'published' ORDER BY published_at DESC LIMIT 8`, params: (i) => [i.lindebuurt] }
	},
	{
		page: 'help list',
		who: 'anna',
		path: (i) => `/help?buurt=${i.lindebuurt}`,
		reference: { sql: `SELECT id, title, published_at FROM help_requests WHERE buurt_id = $1 AND state = 'published' ORDER BY published_at DESC LIMIT 50`, params: (i) => [i.lindebuurt] }
	},
	{
		page: 'pot page with movements',
		who: 'anna',
		path: (i) => `/buurten/${i.lindebuurt}/pot`,
		reference: { sql: `SELECT transfer_seq, amount, balance_after FROM ledger_entries WHERE account_id = $1 ORDER BY version DESC LIMIT 50`, params: (i) => [i.buurtpot] }
	},
	{
		page: 'staff queue',
		who: 'wim',
		path: () => '/staff/reports',
		reference: { sql: `SELECT id, state, due_on FROM reports WHERE corporation_id = $1 AND closed_at IS NULL ORDER BY due_on, created_at, id LIMIT 50`, params: (i) => [i.corporation] }
	},
	{
		page: 'round results',
		who: 'anna',
		path: (i) => `/rounds/${i.round}/results`,
		reference: { sql: `SELECT result FROM buurtpot_rounds WHERE id = $1`, params: (i) => [i.round] }
	},
	{
		page: 'dashboard, one buurt',
		who: 'wim',
		path: (i) => `/dashboard?buurt=${i.lindebuurt}`,
		reference: { sql: `SELECT count(*) FROM buurten WHERE id = $1`, params: (i) => [i.lindebuurt] },
		when: dashboardMissing
	},
	{
		page: 'dashboard, corporation',
		who: 'wim',
		path: () => '/dashboard',
		reference: { sql: `SELECT count(*) FROM buurten WHERE corporation_id = $1`, params: (i) => [i.corporation] },
		when: dashboardMissing
	}
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** CONNECTIONS callers, each calling `one` back to back for `seconds`: the latencies, sorted. */
async function loop(one: () => Promise<void>): Promise<{ ms: number[]; perSecond: number }> {
	const until = performance.now() + seconds * 1000;
	const ms: number[] = [];
	await Promise.all(
		Array.from({ length: CONNECTIONS }, async () => {
			while (performance.now() < until) {
				const t = performance.now();
				await one();
				ms.push(performance.now() - t);
			}
		})
	);
	return { ms: ms.sort((a, b) => a - b), perSecond: ms.length / seconds };
}

const fmt = (x: number) => x.toFixed(1).padStart(7);

export async function benchScale(): Promise<void> {
	if (!existsSync('build/index.js')) throw new Error('run npm run build first');
	const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
	try {
		const [row] = (
			await pool.query<Ids>(`SELECT b.id AS lindebuurt, b.corporation_id AS corporation,
				(SELECT id FROM ledger_accounts WHERE buurt_id = b.id AND kind = 'buurtpot') AS buurtpot,
				(SELECT id FROM buurtpot_rounds WHERE buurt_id = b.id AND closed_at IS NOT NULL AND NOT is_test ORDER BY closed_at DESC LIMIT 1) AS round
				FROM buurten b WHERE b.name = 'Lindebuurt'`)
		).rows;
		const [{ n }] = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows;
		if (!row || n < 100_000) throw new Error(`${url} has no large seed (${n ?? 0} meldingen): run DATABASE_URL=${url} npm run seed -- --scale large`);
		const [sizes] = (await pool.query(`SELECT (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM accounts)::int AS accounts,
			(SELECT count(*) FROM ledger_transfers)::int AS transfers, (SELECT count(*) FROM help_requests)::int AS help,
			(SELECT count(*) FROM reports WHERE buurt_id = $1)::int AS lindebuurt_reports,
			(SELECT count(*) FROM ledger_entries WHERE account_id = $2)::int AS pot_entries`, [row.lindebuurt, row.buurtpot])).rows;
		console.log(`large seed: ${sizes.units} units, ${sizes.accounts} accounts, ${n} meldingen, ${sizes.transfers} transfers, ${sizes.help} help requests;`);
		console.log(`  the Lindebuurt: ${sizes.lindebuurt_reports} meldingen, ${sizes.pot_entries} buurtpot movements`);
		const app = await startApp(url, { DATABASE_POOL_SIZE: String(CONNECTIONS) });
		try {
			const cookies = new Map<string, string>();
			console.log(`${seconds} s per measurement, ${CONNECTIONS} connections; ms (reference: the same rows by a plain indexed SELECT)`);
			console.log(`  ${'page'.padEnd(26)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}  queries  ${'ref p50'.padStart(7)} ${'ref p95'.padStart(7)} ${'ref p99'.padStart(7)}  p95 ×ref  goal`);
			for (const p of pages) {
				const skip = p.when?.();
				if (skip) {
					console.log(`  ${p.page.padEnd(26)} (not measured: ${skip})`);
					continue;
				}
				if (!cookies.has(p.who)) cookies.set(p.who, await login(app.base, `${p.who}@demo.noaber.test`));
				const headers = { cookie: cookies.get(p.who)!, accept: 'text/html' };
				const target = app.base + p.path(row);
				const first = await fetch(target, { headers, redirect: 'manual' });
				const queries = first.headers.get('x-query-count') ?? '?';
				await first.arrayBuffer();
				if (first.status !== 200) throw new Error(`${p.page}: ${target} answered ${first.status}`);
				let failed = 0;
				const page = await loop(async () => {
					const r = await fetch(target, { headers, redirect: 'manual' });
					await r.arrayBuffer();
					if (r.status !== 200) failed++;
				});
				const params = p.reference.params(row);
				const ref = await loop(async () => void (await pool.query(p.reference.sql, params)));
				const [p50, p95, p99] = [50, 95, 99].map((q) => percentile(page.ms, q));
				const [r50, r95, r99] = [50, 95, 99].map((q) => percentile(ref.ms, q));
				const ok = p95 < GOAL_P95_MS && failed === 0;
				console.log(
					`  ${p.page.padEnd(26)} ${fmt(p50)} ${fmt(p95)} ${fmt(p99)}  ${queries.padStart(7)}  ${fmt(r50)} ${fmt(r95)} ${fmt(r99)}  ${(p95 / r95).toFixed(1).padStart(8)}  ${ok ? 'met' : 'NOT MET'}${failed ? ` (${failed} failed)` : ''}`
				);
			}
		} finally {
			await app.stop();
		}
	} finally {
		await pool.end();
	}
}
