import { randomBytes } from 'node:crypto';
import { connectPostgres, openPglite, type Db } from './client';
import { migrate } from './migrate';

/**
 * A fresh, migrated database for one test file (or benchmark): in-memory PGlite by default, or
 * a new database on the PostgreSQL server at `url` — TEST_DATABASE_URL unless given — dropped
 * again by close().
 */
export async function createTestDb(url = process.env.TEST_DATABASE_URL): Promise<Db> {
	if (!url) {
		const db = await openPglite();
		await migrate(db);
		return db;
	}
	const name = `noaber_test_${randomBytes(6).toString('hex')}`;
	const admin = await connectPostgres(url, 1);
	await admin.exec(`CREATE DATABASE ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	const db = await connectPostgres(target.toString(), 20);
	await migrate(db);
	const close = db.close.bind(db);
	return Object.assign(db, {
		async close() {
			await close();
			// pool.end() resolves before every socket has said goodbye; wait for that (briefly)
			// so the forced drop below does not cut a connection mid-goodbye.
			for (let i = 0; i < 50; i++) {
				const [row] = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
				if (row.n === 0) break;
				await new Promise((r) => setTimeout(r, 100));
			}
			await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.close();
		}
	});
}
