import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Route-level suites over HTTP against the production build on PGlite (no browser): the role ×
// route matrix and the fuzzer. Each run starts its own server (tests/e2e/global-setup.ts).
export default defineConfig({
	resolve: {
		alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) }
	},
	test: {
		include: ['tests/http/**/*.test.ts'],
		testTimeout: 300_000,
		hookTimeout: 120_000,
		fileParallelism: false,
		globalSetup: ['tests/e2e/global-setup.ts']
	}
});
