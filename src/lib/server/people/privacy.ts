import type { Queryable } from '../db/client';
import { FORMER_NEIGHBOUR, endConsent, iso, type PersonalDataKind } from '../privacy';

/** People's personal data (privacy's table, `../personal-data.ts`): the account, and where and as what the person lives and serves. */
export const accountData: PersonalDataKind = {
	kind: 'account',
	module: 'people',
	messageKey: 'privacy.kinds.account',
	export: async (q, accountId) =>
		(
			await q.query<{ id: string; name: string; email: string; locale: string; created_at: Date; show_street: boolean; has_password: boolean }>(
				'SELECT id, name, email, locale, created_at, show_street, password_hash IS NOT NULL AS has_password FROM accounts WHERE id = $1',
				[accountId]
			)
		).map((r) => ({ id: r.id, name: r.name, email: r.email, language: r.locale, createdAt: iso(r.created_at), showStreet: r.show_street, hasPassword: r.has_password })),
	// Last: the row stays (ledger legs, rewards and histories point at its id), with nothing
	// personal in it. The e-mail becomes an address that can never receive mail.
	order: 100,
	erase: async (tx, s) =>
		(
			await tx.query(
				`UPDATE accounts SET name = $2, email = 'erased-' || id::text || '@invalid', password_hash = NULL, show_street = false,
				   disabled_at = COALESCE(disabled_at, $3), anonymised_at = $3 WHERE id = $1 RETURNING id`,
				[s.accountId, FORMER_NEIGHBOUR, s.at]
			)
		).length
};

export const membershipData: PersonalDataKind = {
	kind: 'memberships',
	module: 'people',
	messageKey: 'privacy.kinds.memberships',
	export: async (q, accountId) => {
		const homes = await q.query<Record<string, unknown>>(
			`SELECT 'membership' AS what, m.kind, to_char(m.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(m.ends_on, 'YYYY-MM-DD') AS "endsOn",
			        u.street, u.house_number AS "houseNumber", u.addition, u.postcode, u.place, b.name AS buurt
			 FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id
			 WHERE m.account_id = $1 ORDER BY m.starts_on`,
			[accountId]
		);
		const roles = await q.query<Record<string, unknown>>(
			`SELECT 'supervisor_term' AS what, b.name AS buurt, to_char(t.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn",
			        t.approved_at IS NOT NULL AS approved
			 FROM supervisor_terms t JOIN buurten b ON b.id = t.buurt_id WHERE t.account_id = $1
			 UNION ALL
			 SELECT 'ambassador', b.name, NULL, NULL, true FROM ambassadors x JOIN buurten b ON b.id = x.buurt_id WHERE x.account_id = $1`,
			[accountId]
		);
		const invitations = await q.query<Record<string, unknown>>(
			`SELECT 'invitation' AS what, i.kind, u.street, u.house_number AS "houseNumber", i.invited_at AS "invitedAt", i.answered_at AS "answeredAt", i.accepted
			 FROM membership_invitations i JOIN units u ON u.id = i.unit_id WHERE i.account_id = $1 ORDER BY i.invited_at`,
			[accountId]
		);
		return [...homes, ...roles, ...invitations.map((r) => ({ ...r, invitedAt: iso(r.invitedAt as Date), answeredAt: iso(r.answeredAt as Date | null) }))];
	},
	// Where someone lived is what makes an opaque id a person again: the links go. Supervisor
	// terms stay (a buurt's history of who checked, now "een oud-buur").
	order: 80,
	erase: async (tx, s) => {
		let n = 0;
		n += (await tx.query('DELETE FROM membership_invitations WHERE account_id = $1 RETURNING id', [s.accountId])).length;
		n += (await tx.query('DELETE FROM ambassadors WHERE account_id = $1 RETURNING account_id', [s.accountId])).length;
		n += (await tx.query('DELETE FROM memberships WHERE account_id = $1 RETURNING id', [s.accountId])).length;
		// "Show my street" was a consent to show the name with the street.
		n += await endConsent(tx, { accountId: s.accountId, kind: 'name_shown', scope: 'street', how: 'erasure', at: s.at });
		return n;
	}
};

export const peoplePersonalData = [accountData, membershipData];

/** Withdrawing the consent "show my street next to my first name" (privacy page). */
export async function stopShowingStreet(tx: Queryable, c: { accountId: string }): Promise<void> {
	await tx.query('UPDATE accounts SET show_street = false WHERE id = $1', [c.accountId]);
}
