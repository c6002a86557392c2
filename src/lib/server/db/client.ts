import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { noteQuery } from './query-count';

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
	/**
	 * `options.name`: a statement sent on every page view (db/parts.ts) is prepared once per
	 * connection under this name, so the server plans it once, not on every request. The same
	 * name must always carry the same SQL. PGlite (in-process) ignores it.
	 */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<T[]>;
}

/** An open transaction; exec runs several statements without parameters (migrations). */
export interface Tx extends Queryable {
	exec(sql: string): Promise<void>;
}

export interface Db extends Tx {
	readonly kind: 'pglite' | 'postgres';
	/** Runs fn in one transaction; rolls back when fn throws. */
	transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
	close(): Promise<void>;
	/** Connections of the pool, for /metrics; PGlite has one connection and no pool. */
	poolStats?(): { total: number; idle: number; waiting: number };
}

/**
 * PostgreSQL server through a pool. Transactions run at READ COMMITTED with explicit row locks
 * (SELECT … FOR UPDATE in a fixed order), which is what the ledger and state machines rely on.
 */
export async function connectPostgres(url: string, max = 10): Promise<Db> {
	const pg = (await import('pg')).default;
	// Bigints (ledger sums) arrive as strings by default; cents stay far below 2^53.
	pg.types.setTypeParser(20, (v: string) => Number(v));
	pg.types.setTypeParser(1700, (v: string) => Number(v));
	const pool: Pool = new pg.Pool({ connectionString: url, max });
	// An idle client whose server connection ends (restart, DROP DATABASE … WITH (FORCE)) emits
	// an error on the pool; without a listener that would crash the process. The pool replaces it.
	pool.on('error', () => {});
	const wrap = (c: Pool | PoolClient): Tx => ({
		async query<T>(sql: string, params: unknown[] = [], options: { name?: string } = {}) {
			noteQuery();
			const r = options.name ? await c.query({ name: options.name, text: sql, values: params }) : await c.query(sql, params);
			return r.rows as T[];
		},
		async exec(sql: string) {
			await c.query(sql);
		}
	});
	return {
		kind: 'postgres',
		...wrap(pool),
		async transaction(fn) {
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				const result = await fn(wrap(client));
				await client.query('COMMIT');
				return result;
			} catch (err) {
				await client.query('ROLLBACK').catch(() => {});
				throw err;
			} finally {
				client.release();
			}
		},
		async close() {
			await pool.end();
		},
		poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount })
	};
}

/**
 * Embedded PostgreSQL (PGlite). One connection: PGlite runs one query or transaction at a time,
 * so concurrent callers queue. dataDir undefined → in memory (tests).
 */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<Db & { dumpDataDir(): Promise<Blob> }> {
	const { PGlite } = await import('@electric-sql/pglite');
	if (dataDir) mkdirSync(path.resolve(dataDir), { recursive: true });
	const db: PGlite = dataDir ? new PGlite(path.resolve(dataDir, 'pg')) : new PGlite(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
	await db.waitReady;
	const parsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };
	return {
		kind: 'pglite',
		async query<T>(sql: string, params: unknown[] = []) {
			noteQuery();
			const r = await db.query<T>(sql, params, { parsers });
			return r.rows;
		},
		transaction(fn) {
			return db.transaction(async (tx) =>
				fn({
					async query<T>(sql: string, params: unknown[] = []) {
						noteQuery();
						const r = await tx.query<T>(sql, params, { parsers });
						return r.rows;
					},
					async exec(sql: string) {
						await tx.exec(sql);
					}
				})
			);
		},
		async exec(sql) {
			await db.exec(sql);
		},
		async close() {
			await db.close();
		},
		/** The whole database as a tarball (tests start from a migrated copy: createTestDb). */
		dumpDataDir: () => db.dumpDataDir('none')
	};
}
