import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { hashToken, newToken } from './crypto';

export type TokenPurpose = 'login' | 'reset' | 'invite';

export const tokenLifetimeMinutes: Record<TokenPurpose, number> = { login: 15, reset: 60, invite: 7 * 24 * 60 };

export async function issueToken(db: Queryable, opts: { accountId: string; purpose: TokenPurpose; now: Date }): Promise<string> {
	const token = newToken();
	const expires = new Date(opts.now.getTime() + tokenLifetimeMinutes[opts.purpose] * 60_000);
	await db.query('INSERT INTO one_time_tokens (token_hash, purpose, account_id, expires_at) VALUES ($1, $2, $3, $4)', [
		hashToken(token),
		opts.purpose,
		opts.accountId,
		expires
	]);
	return token;
}

/**
 * Uses a one-time token: valid, of the right purpose, not expired, not used. Locks the row so
 * two clicks on the same link cannot both succeed. Throws `auth.link_invalid` otherwise.
 */
export async function consumeToken(tx: Queryable, opts: { token: string; purpose: TokenPurpose; now: Date }): Promise<string> {
	const [row] = await tx.query<{ account_id: string; expires_at: Date; used_at: Date | null }>(
		'SELECT account_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE',
		[hashToken(opts.token), opts.purpose]
	);
	if (!row || row.used_at) throw new DomainError('auth.link_invalid');
	if (new Date(row.expires_at) <= opts.now) throw new DomainError('auth.link_expired');
	await tx.query('UPDATE one_time_tokens SET used_at = $2 WHERE token_hash = $1', [hashToken(opts.token), opts.now]);
	return row.account_id;
}
