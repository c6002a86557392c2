import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';

/**
 * createTestDb plus the URL of the test database (the concurrency test opens its own pools).
 * createTestDb's close() waits for the pool's connections to end before it drops the database.
 */
export async function createQuietTestDb(): Promise<Db & { url: string | null }> {
	const db = await createTestDb();
	if (db.kind !== 'postgres') return Object.assign(db, { url: null });
	const [{ name }] = await db.query<{ name: string }>('SELECT current_database() AS name');
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	return Object.assign(db, { url: url.toString() });
}

/** Waits, through a connection to the server's own database, until nobody uses `database`. */
export async function untilNobodyConnected(database: string): Promise<void> {
	const pg = (await import('pg')).default;
	const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await server.connect();
	try {
		for (let i = 0; i < 200; i++) {
			const { rows } = await server.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
				database
			]);
			if (rows[0].n === 0) return;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	} finally {
		await server.end();
	}
}
