// npm test: the whole suite this machine can run.
//  1. use cases and rules on embedded PGlite;
//  2. the same suite on PostgreSQL when TEST_DATABASE_URL is set;
//  3. the route-level suites (role × route matrix, fuzzer) over HTTP on the production build;
//  4. browser journeys on the production build when Chromium is installed (CHROMIUM_PATH or
//     /usr/bin/chromium).
// Prints "N passed, N failed" last, and writes it to test-results/summary.json for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const runs = [];

function vitest(name, args, env = {}) {
	const out = `test-results/${name}.json`;
	console.log(`\n=== ${name}`);
	const r = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	let counted = false;
	if (existsSync(out)) {
		const j = JSON.parse(readFileSync(out, 'utf8'));
		totals.passed += j.numPassedTests;
		totals.failed += j.numFailedTests;
		totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
		counted = true;
		// A suite that failed to load has no failed tests but is still a failure.
		if (j.numFailedTestSuites > 0 && j.numFailedTests === 0) totals.failed += j.numFailedTestSuites;
	}
	if (r.status !== 0 && (!counted || totals.failed === 0)) totals.failed += 1;
	runs.push({ name, status: r.status });
}

spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
const pgUrl = process.env.TEST_DATABASE_URL;
vitest('unit-pglite', [], { TEST_DATABASE_URL: '' });
if (pgUrl) vitest('unit-postgres', [], { TEST_DATABASE_URL: pgUrl });
else console.log('\n(TEST_DATABASE_URL is not set: the suite ran on PGlite only)');

// The http run builds the app (unless E2E_BUILD=0); the browser run then uses that build.
vitest('http', ['--config', 'vitest.http.config.ts'], { E2E_BUILD: process.env.E2E_BUILD ?? '1' });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) vitest('browser', ['--config', 'vitest.e2e.config.ts'], { E2E_BUILD: '0' });
else console.log(`\n(no Chromium at ${chromium}: browser tests skipped; apt-get install chromium)`);

writeFileSync('test-results/summary.json', JSON.stringify({ ...totals, runs }, null, 2));
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || runs.some((r) => r.status !== 0) ? 1 : 0);
