import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser journeys against the production build, in Debian's Chromium: test files run in
// parallel workers, each worker with its own server and data (tests/e2e/global-setup.ts).
const workers = Number(process.env.E2E_WORKERS ?? 2);
process.env.E2E_SERVERS ??= String(workers);
export default defineConfig({
	resolve: {
		alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) }
	},
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		testTimeout: 300_000,
		hookTimeout: 120_000,
		pool: 'forks',
		maxWorkers: workers,
		globalSetup: ['tests/e2e/global-setup.ts']
	}
});
