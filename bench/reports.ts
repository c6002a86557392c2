import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createTestDb } from '../src/lib/server/db/test-db';
import { testCtx } from '../src/lib/server/shared/test-ctx';
import { seedDemo, loadActor } from '../src/lib/server/people';
import { ensureDefaultCategories, listBuurtReports, listStaffQueue } from '../src/lib/server/reports';

/**
 * Meldingen at a large corporation's size: 100,000 reports over 100 buurten (two years of them,
 * 40% still open), then two requests as the pages make them, each next to its reference — a
 * plain indexed `SELECT` of the same page of rows, measured in the same run:
 *   - the staff queue (listStaffQueue: policy, filters, follower counts, presentation), with the
 *     filters a wijkconsulent uses (none, a state, a buurt, overdue, unassigned, a category, a
 *     later page); reference: the ids of that page straight from the table;
 *   - the public buurt list (listBuurtReports) of a random buurt, pages 1–3; reference: the ids
 *     of that page by the (buurt_id, visibility, created_at) index.
 * Printed: p50 and p99 per request in ms, and p50 as a multiple of the reference's p50.
 *
 * Needs PostgreSQL (the figure is for production): BENCH_DATABASE_URL, else TEST_DATABASE_URL,
 * else postgres://postgres@127.0.0.1:5432/postgres; a fresh database is made and dropped.
 * REPORTS_BENCH_ROWS overrides the 100,000. Alone: `npx tsx bench/reports.ts`.
 */

const ROWS = Number(process.env.REPORTS_BENCH_ROWS ?? 100_000);
const BUURTEN = 100;
const REQUESTS = 300;

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Runs `make(i)` `REQUESTS` times after a warm-up; returns the per-request durations. */
async function sample(make: (i: number) => () => Promise<unknown>): Promise<number[]> {
	for (let i = 0; i < 20; i++) await make(i)();
	const out: number[] = [];
	for (let i = 0; i < REQUESTS; i++) {
		const run = make(i);
		const start = performance.now();
		await run();
		out.push(performance.now() - start);
	}
	return out;
}

export async function benchReports(): Promise<void> {
	const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const db = await createTestDb(url);
	try {
		const ctx = testCtx(db, new Date('2026-11-02T09:00:00Z'));
		const ids = await seedDemo(ctx);
		const wim = (await loadActor(db, ids.employee, ctx.clock()))!;
		const anna = (await loadActor(db, ids.tenant, ctx.clock()))!;
		const corporationId = wim.staff[0].corporationId;
		const lindebuurt = anna.memberBuurtIds[0];
		await db.transaction((tx) => ensureDefaultCategories(tx, corporationId, ctx.clock()));
		const setupStart = performance.now();

		// 98 more buurten (with one complex each) in the demo corporation, so a buurt holds ~1% of it.
		const [{ wijk_code }] = await db.query<{ wijk_code: string }>('SELECT wijk_code FROM buurten WHERE id = $1', [lindebuurt]);
		await db.query(
			`INSERT INTO buurten (code, cbs_year, wijk_code, corporation_id, name)
			 SELECT 'BU98' || lpad(i::text, 6, '0'), 2025, $1, $2, 'Benchbuurt ' || i FROM generate_series(1, $3::int) AS i`,
			[wijk_code, corporationId, BUURTEN - 2]
		);
		await db.query(
			`INSERT INTO complexes (corporation_id, buurt_id, code, name)
			 SELECT $1, b.id, 'BENCH-' || b.code, 'Complex ' || b.name FROM buurten b
			 WHERE b.corporation_id = $1 AND NOT EXISTS (SELECT 1 FROM complexes c WHERE c.buurt_id = b.id)`,
			[corporationId]
		);
		const buurten = (await db.query<{ id: string }>('SELECT id FROM buurten WHERE corporation_id = $1 ORDER BY id', [corporationId])).map((b) => b.id);
		const categories = await db.query<{ id: string; visibility: string; sla_working_days: number }>(
			`SELECT id, visibility, sla_working_days FROM report_categories WHERE corporation_id = $1 AND party_kind IN ('corporation', 'team', 'staff') ORDER BY position`,
			[corporationId]
		);

		// Bulk set-up in SQL (the use cases are measured in the suite): one report every ~10
		// minutes over two years, spread over the buurten and categories; 40% open (new,
		// acknowledged, in progress, reopened), the rest resolved or rejected. A tenth has a follower.
		await db.query(
			`WITH b AS (SELECT id, buurt_id, row_number() OVER (ORDER BY id) - 1 AS n FROM complexes WHERE corporation_id = $1),
			 cat AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, visibility text, sla_working_days int)),
			 cats AS (SELECT *, row_number() OVER () - 1 AS n FROM cat),
			 g AS (SELECT i, $5::timestamptz - make_interval(mins => i * 10) AS at,
			         (ARRAY['new','acknowledged','in_progress','reopened','resolved','resolved','resolved','rejected','resolved','resolved'])[1 + i % 10] AS state
			       FROM generate_series(1, $3::int) AS i)
			 INSERT INTO reports (corporation_id, buurt_id, category_id, visibility, reporter_id, source, description, location_kind, complex_id,
			   state, party_kind, due_on, sla_working_days, created_at, updated_at, first_response_at, resolved_at, closed_at, assignee_id)
			 SELECT $1, b.buurt_id, cats.id, cats.visibility, $4, 'app', 'Melding nummer ' || g.i || ': er is iets stuk in het complex.', 'complex', b.id,
			   g.state, 'corporation', (g.at + make_interval(days => cats.sla_working_days + 4))::date, cats.sla_working_days, g.at, g.at,
			   CASE WHEN g.state <> 'new' THEN g.at + interval '1 day' END,
			   CASE WHEN g.state = 'resolved' THEN g.at + interval '3 days' END,
			   CASE WHEN g.state IN ('resolved', 'rejected') THEN g.at + interval '3 days' END,
			   CASE WHEN g.i % 3 = 0 THEN $6::uuid END
			 FROM g JOIN b ON b.n = g.i % (SELECT count(*) FROM b) JOIN cats ON cats.n = (g.i / 7) % (SELECT count(*) FROM cats)`,
			[corporationId, JSON.stringify(categories), ROWS, ids.tenant, ctx.clock(), wim.accountId]
		);
		await db.query(
			`INSERT INTO report_followers (report_id, account_id, supports, since)
			 SELECT id, $1, true, created_at FROM reports WHERE corporation_id = $2 AND abs(hashtext(id::text)) % 10 = 0`,
			[ids.helper, corporationId]
		);
		await db.query('ANALYZE');
		const setup = (performance.now() - setupStart) / 1000;

		const now = ctx.clock();
		const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
		const filters: Record<string, unknown>[] = [
			{},
			{ state: 'new' },
			{ state: 'in_progress' },
			{ overdue: 'true' },
			{ assignee: 'none', open: 'true' },
			{ open: 'true', page: 4 }
		];
		const queueInput = (i: number) => {
			const f = pick(filters, i);
			return i % 4 === 0 ? { ...f, buurtId: pick(buurten, i) } : i % 5 === 0 ? { ...f, categoryId: pick(categories, i).id } : f;
		};

		const queue = await sample((i) => () => listStaffQueue(db, wim, queueInput(i), now));
		// The reference selects the same page's ids with the same WHERE and ORDER BY, nothing else.
		const queueRef = await sample((i) => {
			const v = queueInput(i) as { state?: string; buurtId?: string; categoryId?: string; overdue?: string; assignee?: string; open?: string; page?: number };
			return () =>
				db.query(
					`SELECT r.id FROM reports r WHERE r.corporation_id = $1 AND ($2::text IS NULL OR r.state = $2) AND ($3::uuid IS NULL OR r.buurt_id = $3)
					   AND ($4::uuid IS NULL OR r.category_id = $4) AND (NOT $5::boolean OR (r.closed_at IS NULL AND r.due_on < $6::date))
					   AND (NOT $7::boolean OR r.assignee_id IS NULL) AND (NOT $8::boolean OR r.closed_at IS NULL)
					 ORDER BY r.closed_at IS NOT NULL, r.due_on, r.created_at, r.id LIMIT 50 OFFSET $9`,
					[corporationId, v.state ?? null, v.buurtId ?? null, v.categoryId ?? null, v.overdue === 'true', now.toISOString().slice(0, 10), v.assignee === 'none', v.open === 'true', ((v.page ?? 1) - 1) * 50]
				);
		});
		const buurtInput = (i: number) => ({ buurtId: pick(buurten, i), page: 1 + (i % 3) });
		const list = await sample((i) => () => listBuurtReports(db, wim, buurtInput(i), now));
		const listRef = await sample((i) => {
			const v = buurtInput(i);
			return () =>
				db.query(`SELECT id FROM reports WHERE buurt_id = $1 AND visibility = 'public' AND state <> 'withdrawn' ORDER BY created_at DESC, id LIMIT 50 OFFSET $2`, [v.buurtId, (v.page - 1) * 50]);
		});

		const page = await listStaffQueue(db, wim, {}, now);
		if (page.length !== 50) throw new Error(`expected a full first page of the queue, got ${page.length}`);
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');

		const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
		const line = (name: string, xs: number[], ref: number[]) =>
			console.log(`  ${name.padEnd(38)} p50 ${ms(quantile(xs, 0.5))}  p99 ${ms(quantile(xs, 0.99))}  = ${(quantile(xs, 0.5) / quantile(ref, 0.5)).toFixed(1)}× the reference p50`);
		console.log(`meldingen: ${n.toLocaleString('en')} reports over ${buurten.length} buurten, ${db.kind}, ${REQUESTS} requests each (set-up ${setup.toFixed(0)} s)`);
		line('reference: indexed SELECT (queue)', queueRef, queueRef);
		line('staff queue (listStaffQueue)', queue, queueRef);
		line('reference: indexed SELECT (buurt)', listRef, listRef);
		line('public buurt list (listBuurtReports)', list, listRef);
	} finally {
		await db.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	benchReports().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
