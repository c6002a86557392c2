import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Db } from './client';

export const migrationsDir = () => path.resolve(process.env.MIGRATIONS_DIR ?? 'migrations');

interface Migration {
	name: string;
	sql: string;
	checksum: string;
}

export function readMigrations(dir = migrationsDir()): Migration[] {
	return readdirSync(dir)
		.filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
		.sort()
		.map((name) => {
			const sql = readFileSync(path.join(dir, name), 'utf8');
			return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
		});
}

/**
 * Applies forward-only SQL migrations in file-name order, each in its own transaction.
 * An applied migration whose file changed afterwards stops start-up: migrations are history.
 * On a server, an advisory lock lets several processes start at once safely.
 */
export async function migrate(db: Db, dir = migrationsDir()): Promise<string[]> {
	await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
	const applied: string[] = [];
	for (const m of readMigrations(dir)) {
		const done = await db.transaction(async (tx) => {
			if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(4242)');
			const [row] = await tx.query<{ checksum: string }>(
				'SELECT checksum FROM schema_migrations WHERE name = $1',
				[m.name]
			);
			if (row) {
				if (row.checksum !== m.checksum)
					throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
				return false;
			}
			await tx.exec(m.sql);
			await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
			return true;
		});
		if (done) applied.push(m.name);
	}
	return applied;
}

/** True when every migration file has been applied (used by /readyz). */
export async function migrationsApplied(db: Db, dir = migrationsDir()): Promise<boolean> {
	const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
	const names = new Set(rows.map((r) => r.name));
	return readMigrations(dir).every((m) => names.has(m.name));
}
