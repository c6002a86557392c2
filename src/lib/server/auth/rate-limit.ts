import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';

/**
 * Counts an attempt in a fixed window, stored in the database so every process shares it.
 * Over the limit → `auth.rate_limited` (HTTP 429), with the same wording for every key.
 */
export async function countAttempt(
	db: Queryable,
	opts: { key: string; limit: number; windowSeconds: number; now: Date }
): Promise<void> {
	const windowStart = new Date(Math.floor(opts.now.getTime() / 1000 / opts.windowSeconds) * opts.windowSeconds * 1000);
	const [row] = await db.query<{ hits: number }>(
		`INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
		 ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
		[opts.key, windowStart]
	);
	if (row.hits > opts.limit) throw new DomainError('auth.rate_limited');
}

const windowOf = (now: Date, windowSeconds: number) =>
	new Date(Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds * 1000);

/** Refuses (auth.rate_limited) when a key already reached its limit in this window; counts nothing. */
export async function assertUnderLimit(db: Queryable, opts: { key: string; limit: number; windowSeconds: number; now: Date }): Promise<void> {
	const [row] = await db.query<{ hits: number }>('SELECT hits FROM rate_limits WHERE key = $1 AND window_start = $2', [
		opts.key,
		windowOf(opts.now, opts.windowSeconds)
	]);
	if (row && row.hits >= opts.limit) throw new DomainError('auth.rate_limited');
}

/** Counts a failed attempt (a wrong password): successes never use up anyone's tries. */
export async function countFailure(db: Queryable, opts: { key: string; windowSeconds: number; now: Date }): Promise<void> {
	await db.query(
		`INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
		 ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1`,
		[opts.key, windowOf(opts.now, opts.windowSeconds)]
	);
}

export async function pruneRateLimits(db: Queryable, now: Date): Promise<void> {
	await db.query(`DELETE FROM rate_limits WHERE window_start < $1`, [new Date(now.getTime() - 24 * 3600 * 1000)]);
}
