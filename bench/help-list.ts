import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import { createTestDb } from '../src/lib/server/db/test-db';
import { testCtx } from '../src/lib/server/shared/test-ctx';
import { seedDemo, loadActor } from '../src/lib/server/people';
import { listOpenRequests } from '../src/lib/server/help';
import { translator } from '../src/lib/i18n/index';

/**
 * Time to render a buurt's request list when it has 1,000 open requests (plus 2,000 finished
 * ones, so the index has to pick the open ones), next to a same-run reference: one trivial query
 * round trip (`SELECT 1`). Measured: the query with its policy filtering and presentation, and
 * the server-side render of the list component the /help page uses. The page shows 50 at a time;
 * rendering all 1,000 at once is printed too.
 *
 * Runs on in-memory PGlite, or on the server named by BENCH_DATABASE_URL or TEST_DATABASE_URL
 * (in a fresh database, dropped afterwards). Alone: `npx tsx bench/help-list.ts`.
 */

const OPEN = 1_000;
const FINISHED = 2_000;
const RUNS = 25;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
	for (let i = 0; i < 3; i++) await fn(); // warm-up: JIT, plan cache
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		samples.push(performance.now() - start);
	}
	return median(samples);
}

/** Compiles the /help list component for the server, as SvelteKit does, and loads it. */
async function loadListComponent() {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const file = path.resolve(here, '../src/routes/(app)/help/ui/RequestList.svelte');
	const { js } = compile(readFileSync(file, 'utf8'), { generate: 'server', filename: file, css: 'external' });
	const require = createRequire(import.meta.url);
	const code = js.code
		.replaceAll(`'svelte/internal/server'`, `'${pathToFileURL(require.resolve('svelte/internal/server')).href}'`)
		.replaceAll(`'svelte/internal/flags/legacy'`, `'${pathToFileURL(require.resolve('svelte/internal/flags/legacy')).href}'`)
		.replaceAll(`'./vocabulary'`, `'${pathToFileURL(path.join(path.dirname(file), 'vocabulary.ts')).href}'`);
	const dir = mkdtempSync(path.join(tmpdir(), 'noaber-bench-'));
	const out = path.join(dir, 'RequestList.mjs');
	writeFileSync(out, code);
	const mod = await import(pathToFileURL(out).href);
	rmSync(dir, { recursive: true, force: true });
	return mod.default;
}


export async function benchHelpList(): Promise<void> {
	const db = await createTestDb(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
	try {
		const ctx = testCtx(db);
		const ids = await seedDemo(ctx);
		const [buurt] = await db.query<{ id: string }>(`SELECT id FROM buurten WHERE name = 'Lindebuurt'`);
		// Bulk set-up in SQL (the use cases are measured elsewhere): published requests of Anna,
		// checked by Bram, one a minute; and finished ones that the list must skip.
		await db.query(
			`INSERT INTO help_requests (buurt_id, asker_id, category, zorg_label, title, description, when_kind, urgency, place, state,
				checker_id, checked_as, created_by, created_at, updated_at, published_at, waiting_since)
			 SELECT $1, $2, (ARRAY['veiligheid','onderhoud_woning','onderhoud_gedeeld','zorg'])[1 + i % 4],
				CASE WHEN i % 4 = 3 THEN 'boodschappen' END, 'Hulpvraag nummer ' || i, 'Omschrijving van vraag ' || i,
				'flexible', 'this_week', 'home', 'published', $3, 'supervisor', $2,
				$4::timestamptz - make_interval(mins => i), $4::timestamptz - make_interval(mins => i), $4::timestamptz - make_interval(mins => i),
				CASE WHEN i % 10 = 0 THEN $4::timestamptz END
			 FROM generate_series(1, $5::int) AS i`,
			[buurt.id, ids.tenant, ids.supervisor, ctx.clock(), OPEN]
		);
		await db.query(
			`INSERT INTO help_requests (buurt_id, asker_id, category, title, description, when_kind, urgency, place, state,
				created_by, created_at, updated_at)
			 SELECT $1, $2, 'veiligheid', 'Oude vraag ' || i, 'Klaar', 'flexible', 'no_rush', 'buurt', 'cancelled', $2, $3, $3
			 FROM generate_series(1, $4::int) AS i`,
			[buurt.id, ids.tenant, ctx.clock(), FINISHED]
		);
		await db.query('ANALYZE help_requests');
		const noor = (await loadActor(db, ids.helper, ctx.clock()))!;
		const t = translator('nl');
		const RequestList = await loadListComponent();
		const renderList = (requests: unknown[]) => render(RequestList, { props: { requests, t, locale: 'nl' } }).body;

		const reference = await time(RUNS * 4, () => db.query('SELECT 1'));
		const firstPage = () => listOpenRequests(db, noor, { buurtId: buurt.id, sort: 'oldest' }, ctx.clock());
		const page = await firstPage();
		if (page.total !== OPEN || page.requests.length !== 50) throw new Error(`expected ${OPEN} open requests, 50 on the page; got ${page.total}, ${page.requests.length}`);
		const query = await time(RUNS, firstPage);
		const renderPage = await time(RUNS, () => renderList(page.requests));
		const whole = await time(RUNS, async () => renderList((await firstPage()).requests));

		const all: unknown[] = [];
		for (let p = 1; p <= OPEN / 200; p++) all.push(...(await listOpenRequests(db, noor, { buurtId: buurt.id, page: p, pageSize: 200 }, ctx.clock())).requests);
		const allQuery = await time(5, async () => {
			for (let p = 1; p <= OPEN / 200; p++) await listOpenRequests(db, noor, { buurtId: buurt.id, page: p, pageSize: 200 }, ctx.clock());
		});
		const allRender = await time(5, () => renderList(all));
		const html = renderList(page.requests);

		const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
		console.log(`help list: a buurt with ${OPEN} open requests (and ${FINISHED} finished), ${db.kind}, median of ${RUNS}`);
		console.log(`  reference: SELECT 1 round trip          ${ms(reference)}`);
		console.log(`  first page (50): query + policy        ${ms(query)}`);
		console.log(`  first page (50): server render         ${ms(renderPage)}   (${Math.round(html.length / 1024)} kB HTML)`);
		console.log(`  first page (50): total                 ${ms(whole)}   = ${(whole / reference).toFixed(0)}× the reference`);
		console.log(`  all ${OPEN} at once: 5 queries of 200     ${ms(allQuery)}`);
		console.log(`  all ${OPEN} at once: server render       ${ms(allRender)}`);
	} finally {
		await db.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	benchHelpList().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
