import type { Queryable } from '../db/client';
import { hashToken, newToken } from './crypto';

export const sessionCookie = 'noaber_session';

/** Starts a session; returns the cookie value (only its hash is stored). */
export async function createSession(db: Queryable, accountId: string, now: Date, days: number): Promise<{ token: string; expires: Date }> {
	const token = newToken();
	const expires = new Date(now.getTime() + days * 24 * 3600 * 1000);
	await db.query('INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
		hashToken(token),
		accountId,
		now,
		expires
	]);
	return { token, expires };
}

export async function sessionAccountId(db: Queryable, token: string, now: Date): Promise<string | null> {
	const [row] = await db.query<{ account_id: string }>(
		'SELECT account_id FROM sessions WHERE token_hash = $1 AND expires_at > $2',
		[hashToken(token), now]
	);
	return row?.account_id ?? null;
}

export async function endSession(db: Queryable, token: string): Promise<void> {
	await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

export async function endAllSessions(db: Queryable, accountId: string): Promise<void> {
	await db.query('DELETE FROM sessions WHERE account_id = $1', [accountId]);
}

/** Housekeeping: forget expired sessions, and one-time tokens a week after they expired. */
export async function pruneSessions(q: Queryable, now: Date): Promise<void> {
	await q.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
	await q.query('DELETE FROM one_time_tokens WHERE expires_at < $1', [new Date(now.getTime() - 7 * 24 * 3600 * 1000)]);
}
