import { iso, type PersonalDataKind } from '../privacy';

/**
 * Single sign-on's personal data (privacy's table): the link between an account and its identity
 * at the corporation's provider (issuer, subject, last login). Staff only, so it matters for a
 * move-out or a staff account closed by its organisation; the erasure deletes the link (the next
 * login through the provider would not find the erased account).
 */
export const ssoIdentityData: PersonalDataKind = {
	kind: 'sso_identities',
	module: 'sso',
	messageKey: 'privacy.kinds.sso_identities',
	export: async (q, accountId) =>
		(
			await q.query<{ issuer: string; subject: string; corporation: string; last_login_at: Date }>(
				`SELECT i.issuer, i.subject, c.name AS corporation, i.last_login_at FROM sso_identities i JOIN corporations c ON c.id = i.corporation_id WHERE i.account_id = $1 ORDER BY i.issuer, i.subject`,
				[accountId]
			)
		).map((i) => ({ issuer: i.issuer, subject: i.subject, corporation: i.corporation, lastLoginAt: iso(i.last_login_at) })),
	erase: async (tx, s) => (await tx.query('DELETE FROM sso_identities WHERE account_id = $1 RETURNING issuer', [s.accountId])).length
};

export const ssoPersonalData = [ssoIdentityData];
