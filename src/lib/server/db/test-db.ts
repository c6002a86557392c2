import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectPostgres, openPglite, type Db } from './client';
import { migrate, readMigrations } from './migrate';

/**
 * A freshly migrated PGlite takes seconds (initdb in WASM, then every migration); loading a
 * tarball of one takes a fraction of that. The tarball is kept in the temp folder under a hash of
 * the migrations, so a changed migration makes a new one; every test file still gets its own
 * database, and migrate() runs on it (finding nothing to do) to keep the checksums honest.
 */
async function freshPglite(): Promise<Db> {
	const hash = createHash('sha256').update(JSON.stringify(readMigrations().map((m) => [m.name, m.sql]))).digest('hex').slice(0, 16);
	const file = path.join(tmpdir(), `noaber-test-db-${hash}.tar`);
	if (existsSync(file)) {
		const db = await openPglite(undefined, { loadDataDir: new Blob([readFileSync(file)]) });
		await migrate(db);
		return db;
	}
	const db = await openPglite();
	await migrate(db);
	const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
	writeFileSync(tmp, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
	renameSync(tmp, file);
	return db;
}

/**
 * A fresh, migrated database for one test file (or benchmark): in-memory PGlite by default, or
 * a new database on the PostgreSQL server at `url` — TEST_DATABASE_URL unless given — dropped
 * again by close().
 */
export async function createTestDb(url = process.env.TEST_DATABASE_URL): Promise<Db> {
	if (!url) return freshPglite();
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
