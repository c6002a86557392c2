import { iso, REMOVED_TEXT, type PersonalDataKind } from '../privacy';

/**
 * The care bridge's personal data about a helper (privacy's table): their checks (VOG seen or
 * vouched for by an organisation), offers, their own messages in a thread and the sessions
 * logged for them. Care requests themselves are the care organisation's (no member data about
 * clients), and the provider's messages may hold the client's details, so the export gives only
 * the helper's own words.
 *
 * Erasure: running checks end today (the record of who checked whom stays: the corporation must
 * be able to show a helper was vetted); waiting offers are declined; a request they were matched
 * to opens again for the buurt's other helpers (their accepted offer declined), so the client is
 * not left waiting for nobody; their messages become "[verwijderd]" while the provider's stay
 * (migration 0178 lets the erasure rewrite them); sessions stay as they are (append-only, ids,
 * dates and minutes only — they carry the rewards in the ledger).
 */
export const careData: PersonalDataKind = {
	kind: 'care',
	module: 'care',
	messageKey: 'privacy.kinds.care',
	export: async (q, accountId) => {
		const checks = await q.query<{ buurt: string; method: string; vog_seen_on: string | null; organisation: string | null; valid_until: string; checked_at: Date; ended_at: Date | null }>(
			`SELECT b.name AS buurt, h.method, to_char(h.vog_seen_on, 'YYYY-MM-DD') AS vog_seen_on, o.name AS organisation, to_char(h.valid_until, 'YYYY-MM-DD') AS valid_until, h.checked_at, h.ended_at
			 FROM care_helpers h JOIN buurten b ON b.id = h.buurt_id LEFT JOIN organisations o ON o.id = h.organisation_id WHERE h.account_id = $1 ORDER BY h.checked_at, h.id`,
			[accountId]
		);
		const offers = await q.query<{ request_id: string; need: string; buurt: string; state: string; created_at: Date; decided_at: Date | null }>(
			`SELECT f.request_id, r.need, b.name AS buurt, f.state, f.created_at, f.decided_at FROM care_offers f JOIN care_requests r ON r.id = f.request_id JOIN buurten b ON b.id = r.buurt_id
			 WHERE f.helper_id = $1 ORDER BY f.created_at, f.id`,
			[accountId]
		);
		const messages = await q.query<{ request_id: string; at: Date; body: string }>('SELECT request_id, at, body FROM care_messages WHERE author_id = $1 ORDER BY id', [accountId]);
		const sessions = await q.query<{ request_id: string; session_on: string; minutes: number; logged_at: Date }>(
			`SELECT request_id, to_char(session_on, 'YYYY-MM-DD') AS session_on, minutes, logged_at FROM care_sessions WHERE helper_id = $1 ORDER BY session_on, id`,
			[accountId]
		);
		return [
			...checks.map((c) => ({ what: 'helper_check', buurt: c.buurt, method: c.method, vogSeenOn: c.vog_seen_on, organisation: c.organisation, validUntil: c.valid_until, checkedAt: iso(c.checked_at), endedAt: iso(c.ended_at) })),
			...offers.map((o) => ({ what: 'offer', requestId: o.request_id, need: o.need, buurt: o.buurt, state: o.state, at: iso(o.created_at), decidedAt: iso(o.decided_at) })),
			...messages.map((m) => ({ what: 'message', requestId: m.request_id, at: iso(m.at), body: m.body })),
			...sessions.map((x) => ({ what: 'session', requestId: x.request_id, sessionOn: x.session_on, minutes: x.minutes, loggedAt: iso(x.logged_at) }))
		];
	},
	order: 23,
	erase: async (tx, s) => {
		const checks = await tx.query('UPDATE care_helpers SET ended_at = $2, ended_by = $1 WHERE account_id = $1 AND ended_at IS NULL RETURNING id', [s.accountId, s.at]);
		const offers = await tx.query(`UPDATE care_offers SET state = 'declined', decided_at = $2 WHERE helper_id = $1 AND state IN ('waiting', 'accepted') RETURNING id`, [s.accountId, s.at]);
		const reopened = await tx.query(`UPDATE care_requests SET state = 'open', helper_id = NULL, matched_at = NULL WHERE helper_id = $1 AND state = 'matched' RETURNING id`, [s.accountId]);
		const messages = await tx.query('UPDATE care_messages SET body = $2 WHERE author_id = $1 AND body <> $2 RETURNING id', [s.accountId, REMOVED_TEXT]);
		return checks.length + offers.length + reopened.length + messages.length;
	}
};

export const carePersonalData = [careData];
