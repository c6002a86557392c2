import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createTestDb } from '../src/lib/server/db/test-db';
import { testCtx } from '../src/lib/server/shared/test-ctx';
import { seedDemo, loadActor } from '../src/lib/server/people';
import { getFeed } from '../src/lib/server/board';

/**
 * The board's feed with 10,000 posts in one buurt (a tenth with a photo, a fifth with replies,
 * pinned and expired news among them), on PostgreSQL: the first page and a page deep in the feed
 * through `getFeed` (the scope check, ONE statement with names, reply counts and photo ids, and
 * the presentation) beside a plain indexed SELECT of the same page of rows in the same run.
 * p50 and p99 of RUNS calls each. A fresh database via createTestDb on BENCH_DATABASE_URL ??
 * TEST_DATABASE_URL ?? postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards.
 * Alone: `npx tsx bench/board.ts`.
 */

const POSTS = 10_000;
const RUNS = 300;

async function sample(runs: number, fn: () => Promise<unknown>) {
	for (let i = 0; i < 10; i++) await fn(); // warm-up: JIT, plan cache
	const xs: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		xs.push(performance.now() - start);
	}
	xs.sort((a, b) => a - b);
	return { p50: xs[Math.floor(runs * 0.5)], p99: xs[Math.min(runs - 1, Math.floor(runs * 0.99))] };
}

export async function benchBoard(): Promise<void> {
	const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const db = await createTestDb(url);
	try {
		const ctx = testCtx(db);
		const ids = await seedDemo(ctx);
		const [buurt] = await db.query<{ id: string }>(`SELECT id FROM buurten WHERE name = 'Lindebuurt'`);
		const [beuken] = await db.query<{ id: string }>(`SELECT id FROM buurten WHERE name = 'Beukenbuurt'`);
		const now = ctx.clock();
		// Bulk set-up in SQL (the use cases are measured by the tests): one post a minute by three
		// neighbours; every 500th is news (every 1000th pinned, every 1500th already expired).
		await db.query(
			`INSERT INTO board_posts (buurt_id, kind, author_id, name_choice, author_street, body, pinned, expires_on, created_at)
			 SELECT $1,
			   CASE WHEN i % 500 = 0 THEN 'news' ELSE (ARRAY['question','offer','found_lost','announcement'])[1 + i % 4] END,
			   CASE WHEN i % 500 = 0 THEN $5::uuid ELSE (ARRAY[$2::uuid, $3::uuid, $4::uuid])[1 + i % 3] END,
			   CASE WHEN i % 7 = 0 AND i % 500 <> 0 THEN 'street' ELSE 'name' END, 'Lindehof',
			   'Bericht nummer ' || i || ': wie kan mij helpen met iets in de buurt?',
			   i % 1000 = 0, CASE WHEN i % 1500 = 0 THEN $6::date - 1 END,
			   $7::timestamptz - make_interval(mins => i)
			 FROM generate_series(1, $8::int) AS i`,
			[buurt.id, ids.tenant, ids.supervisor, ids.helper, ids.employee, now.toISOString().slice(0, 10), now, POSTS]
		);
		// Another buurt's posts, so the index has to pick this buurt's.
		await db.query(
			`INSERT INTO board_posts (buurt_id, kind, author_id, name_choice, body, created_at)
			 SELECT $1, 'question', $2, 'name', 'Elders ' || i, $3::timestamptz - make_interval(secs => i) FROM generate_series(1, $4::int) AS i`,
			[beuken.id, ids.piet, now, POSTS]
		);
		await db.query(
			`INSERT INTO board_photos (post_id, position, content_type, size, sha256, bytes)
			 SELECT id, 0, 'image/png', 4, 'x', '\\x89504e47'::bytea FROM board_posts WHERE buurt_id = $1 AND random() < 0.1`,
			[buurt.id]
		);
		await db.query(
			`INSERT INTO board_replies (post_id, author_id, name_choice, body, created_at)
			 SELECT p.id, $2, 'name', 'Ik help wel!', p.created_at + make_interval(mins => n)
			 FROM board_posts p, generate_series(1, 3) AS n WHERE p.buurt_id = $1 AND p.kind <> 'news' AND (hashtext(p.id::text) % 5 = 0) AND n <= 1 + abs(hashtext(p.id::text)) % 3`,
			[buurt.id, ids.helper]
		);
		await db.query('ANALYZE board_posts; ANALYZE board_photos; ANALYZE board_replies');
		const anna = (await loadActor(db, ids.tenant, now))!;

		const first = await getFeed(db, anna, { buurtId: buurt.id }, now);
		if (first.items.filter((p) => !p.pinned).length !== 20 || !first.items.some((p) => p.pinned)) throw new Error('unexpected first page');
		// A page deep in the feed: the cursor of the 250th page.
		const deep = (await db.query<{ id: string }>(`SELECT id FROM board_posts WHERE buurt_id = $1 AND group_id IS NULL AND deleted_at IS NULL AND NOT pinned ORDER BY created_at DESC, id DESC OFFSET 5000 LIMIT 1`, [buurt.id]))[0].id;
		const deepAt = (await db.query<{ created_at: Date }>('SELECT created_at FROM board_posts WHERE id = $1', [deep]))[0].created_at;
		const reference = (cursorAt: Date | null) => () =>
			db.query(
				`SELECT id, kind, body, author_id, created_at FROM board_posts
				 WHERE buurt_id = $1 AND group_id IS NULL AND deleted_at IS NULL AND ($2::timestamptz IS NULL OR created_at < $2)
				 ORDER BY created_at DESC, id DESC LIMIT 21`,
				[buurt.id, cursorAt]
			);
		const plan = await db.query<{ 'QUERY PLAN': string }>(
			`EXPLAIN SELECT id FROM board_posts WHERE buurt_id = $1 AND group_id IS NULL AND deleted_at IS NULL AND NOT pinned ORDER BY created_at DESC, id DESC LIMIT 21`,
			[buurt.id]
		);

		const ref1 = await sample(RUNS, reference(null));
		const feed1 = await sample(RUNS, () => getFeed(db, anna, { buurtId: buurt.id }, now));
		const refDeep = await sample(RUNS, reference(deepAt));
		const feedDeep = await sample(RUNS, () => getFeed(db, anna, { buurtId: buurt.id, before: deep }, now));

		const ms = (x: number) => `${x.toFixed(2).padStart(7)} ms`;
		const line = (label: string, r: { p50: number; p99: number }, ref?: { p50: number; p99: number }) =>
			console.log(`  ${label.padEnd(44)} p50 ${ms(r.p50)}  p99 ${ms(r.p99)}${ref ? `   = ${(r.p50 / ref.p50).toFixed(1)}× / ${(r.p99 / ref.p99).toFixed(1)}× the reference` : ''}`);
		console.log(`board feed: ${POSTS} posts in the buurt (+${POSTS} elsewhere), ${db.kind}, ${RUNS} calls each`);
		line('reference: indexed SELECT of the first page', ref1);
		line('first page: getFeed (scope + 1 query + view)', feed1, ref1);
		line('reference: indexed SELECT, page 250', refDeep);
		line('page 250 (keyset cursor): getFeed', feedDeep, refDeep);
		console.log(`  plan of the dated stream: ${plan.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);
	} finally {
		await db.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	benchBoard().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
