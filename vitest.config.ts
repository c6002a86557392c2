import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and use-case tests: real database (PGlite by default, PostgreSQL with TEST_DATABASE_URL).
export default defineConfig({
	resolve: {
		alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) }
	},
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
