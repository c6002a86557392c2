import { iso, type PersonalDataKind, type RetentionKind } from '../privacy';

/** Auth's personal data: sessions (when and until when, never the token), e-mailed links and the limits counted per address. */
export const sessionData: PersonalDataKind = {
	kind: 'sessions',
	module: 'auth',
	messageKey: 'privacy.kinds.sessions',
	export: async (q, accountId) =>
		(
			await q.query<{ created_at: Date; expires_at: Date }>('SELECT created_at, expires_at FROM sessions WHERE account_id = $1 ORDER BY created_at', [accountId])
		).map((r) => ({ what: 'session', createdAt: iso(r.created_at), expiresAt: iso(r.expires_at) })),
	// Every session and link ends: the person is logged out everywhere.
	order: 95,
	erase: async (tx, s) => {
		let n = (await tx.query('DELETE FROM sessions WHERE account_id = $1 RETURNING token_hash', [s.accountId])).length;
		n += (await tx.query('DELETE FROM one_time_tokens WHERE account_id = $1 RETURNING token_hash', [s.accountId])).length;
		n += (await tx.query(`DELETE FROM rate_limits WHERE lower(key) LIKE '%' || lower($1) RETURNING key`, [s.email])).length;
		return n;
	}
};

/** Sessions: gone once expired for longer than the period (a person's devices are not history). */
export const sessionRetention: RetentionKind = {
	kind: 'sessions',
	module: 'auth',
	messageKey: 'privacy.retention.sessions',
	defaultDays: 0,
	run: async (tx, { now, kind, defaultDays }) =>
		(
			await tx.query(
				`DELETE FROM sessions WHERE expires_at < $1::timestamptz - make_interval(days => privacy_period_days(audit_corporation_of(account_id, NULL), $2, $3)) RETURNING token_hash`,
				[now, kind, defaultDays]
			)
		).length
};

/** E-mailed login links, password resets and invitations: gone a period after they expired or were used. */
export const loginLinkRetention: RetentionKind = {
	kind: 'login_links',
	module: 'auth',
	messageKey: 'privacy.retention.login_links',
	defaultDays: 7,
	run: async (tx, { now, kind, defaultDays }) =>
		(
			await tx.query(
				`DELETE FROM one_time_tokens WHERE LEAST(expires_at, COALESCE(used_at, expires_at)) < $1::timestamptz - make_interval(days => privacy_period_days(audit_corporation_of(account_id, NULL), $2, $3))
				 RETURNING token_hash`,
				[now, kind, defaultDays]
			)
		).length
};

/** Login and link limits (keys hold e-mail and client addresses): one day is all they are for. */
export const rateLimitRetention: RetentionKind = {
	kind: 'rate_limits',
	module: 'auth',
	messageKey: 'privacy.retention.rate_limits',
	defaultDays: 1,
	run: async (tx, { now, defaultDays }) =>
		(await tx.query('DELETE FROM rate_limits WHERE window_start < $1::timestamptz - make_interval(days => $2) RETURNING key', [now, defaultDays])).length
};

export const authPersonalData = [sessionData];
export const authRetention = [sessionRetention, loginLinkRetention, rateLimitRetention];
