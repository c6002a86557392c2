import type { Queryable } from '../db/client';
import { getAttributionForPerson } from '../ledger';
import { scrubNotificationParams } from '../notifications';
import { FORMER_NEIGHBOUR, REMOVED_TEXT, iso, needlesOf, type ErasureSubject, type PersonalDataKind, type RetentionKind } from '../privacy';
import { firstName } from './model';

/**
 * Superbuurt's personal data (privacy's table, `../personal-data.ts`). On erasure the person's
 * own words go, the other side's stay readable: a helper keeps their messages in the thread, a
 * request they took stays theirs. Rewards and ledger legs are never touched; they keep the
 * account's id, which after erasure names "een oud-buur".
 */
const rolesSql = `CASE WHEN r.asker_id = $1 THEN 'asker' WHEN r.helper_id = $1 THEN 'helper' WHEN r.checker_id = $1 THEN 'checker' ELSE 'on_behalf' END`;

export const helpRequestData: PersonalDataKind = {
	kind: 'help_requests',
	module: 'help',
	messageKey: 'privacy.kinds.help_requests',
	export: async (q, accountId) =>
		(
			await q.query<Record<string, unknown> & { created_at: Date; updated_at: Date; is_asker: boolean }>(
				`SELECT r.id, ${rolesSql} AS role, b.name AS buurt, r.category, r.zorg_label AS "zorgLabel", r.title, r.state, r.urgency, r.place,
				        r.asker_id = $1 AS is_asker, r.description, r.place_note, r.on_behalf_name, r.consent_note, r.created_at, r.updated_at
				 FROM help_requests r JOIN buurten b ON b.id = r.buurt_id
				 WHERE r.asker_id = $1 OR r.helper_id = $1 OR r.checker_id = $1 OR r.proxy_id = $1 ORDER BY r.created_at, r.id`,
				[accountId]
			)
		).map(({ is_asker, description, place_note, on_behalf_name, consent_note, created_at, updated_at, ...r }) => ({
			...r,
			// The free text is the asker's (and, asked on behalf, the neighbour's): a helper or checker gets the request, not its text.
			description: is_asker || r.role === 'on_behalf' ? description : null,
			placeNote: is_asker ? place_note : null,
			onBehalfName: r.role === 'on_behalf' ? on_behalf_name : null,
			consentNote: r.role === 'on_behalf' ? consent_note : null,
			createdAt: iso(created_at),
			updatedAt: iso(updated_at)
		})),
	order: 20,
	erase: async (tx, s) => eraseRequests(tx, s)
};

async function eraseRequests(tx: Queryable, s: ErasureSubject): Promise<number> {
	// Requests nobody took yet end now (a history row says so); what others took on stays, without the asker's words.
	const open = await tx.query<{ id: string; state: string }>(
		`SELECT id, state FROM help_requests WHERE asker_id = $1 AND state IN ('to_check', 'returned', 'published') ORDER BY id FOR UPDATE`,
		[s.accountId]
	);
	for (const r of open) {
		await tx.query(`UPDATE help_requests SET state = 'cancelled', waiting_since = NULL, updated_at = $2, version = version + 1 WHERE id = $1`, [r.id, s.at]);
		await tx.query(`INSERT INTO help_history (request_id, at, actor_id, actor_role, action, from_state, to_state) VALUES ($1, $2, NULL, 'system', 'erase', $3, 'cancelled')`, [r.id, s.at, r.state]);
	}
	const own = await tx.query<{ id: string }>(
		`UPDATE help_requests SET title = $2, description = $2, place_note = NULL, updated_at = $3 WHERE asker_id = $1 RETURNING id`,
		[s.accountId, REMOVED_TEXT, s.at]
	);
	const ownIds = own.map((r) => r.id);
	// The asker's original words a supervisor rephrased, and every reason the person wrote.
	await tx.query(`UPDATE help_history SET details = '{}'::jsonb WHERE request_id = ANY($1::uuid[]) AND details <> '{}'::jsonb`, [ownIds]);
	await tx.query(`UPDATE help_history SET reason = CASE WHEN reason IS NULL THEN NULL ELSE $2 END, details = privacy_scrub_jsonb(details, $3::text[], $4) WHERE actor_id = $1`, [
		s.accountId,
		REMOVED_TEXT,
		needlesOf(s),
		FORMER_NEIGHBOUR
	]);
	// Inbox items of others about these requests lose their title, and the person's first name.
	await scrubNotificationParams(tx, { subjectKind: 'help_request', subjectIds: ownIds, set: { title: REMOVED_TEXT } });
	const involved = await tx.query<{ id: string }>('SELECT id FROM help_requests WHERE helper_id = $1 OR asker_id = $1 OR checker_id = $1', [s.accountId]);
	await scrubNotificationParams(tx, { subjectKind: 'help_request', subjectIds: involved.map((r) => r.id), whoWas: firstName(s.name), set: { who: FORMER_NEIGHBOUR } });
	return open.length + own.length;
}

export const helpMessageData: PersonalDataKind = {
	kind: 'help_messages',
	module: 'help',
	messageKey: 'privacy.kinds.help_messages',
	// What the person wrote, and the threads of their own requests (the conversation they had).
	export: async (q, accountId) =>
		(
			await q.query<{ request_id: string; at: Date; kind: string; body: string; mine: boolean }>(
				`SELECT m.request_id, m.at, m.kind, m.body, m.author_id = $1 AS mine FROM help_messages m JOIN help_requests r ON r.id = m.request_id
				 WHERE m.author_id = $1 OR ((r.asker_id = $1 OR r.helper_id = $1) AND m.author_id IN (r.asker_id, r.helper_id)) ORDER BY m.id`,
				[accountId]
			)
		).map((m) => ({ requestId: m.request_id, at: iso(m.at), kind: m.kind, byYou: m.mine, body: m.body })),
	order: 21,
	erase: async (tx, s) => (await tx.query(`UPDATE help_messages SET body = $2, kind = 'text' WHERE author_id = $1 RETURNING id`, [s.accountId, REMOVED_TEXT])).length
};

export const walletData: PersonalDataKind = {
	kind: 'wallet',
	module: 'help',
	messageKey: 'privacy.kinds.wallet',
	export: async (q, accountId) => {
		// Every page of what they earned (the ledger's own read, newest first).
		const transfers = [];
		for (let before: number | undefined, i = 0; i < 100; i++) {
			const page = await getAttributionForPerson(q, { personId: accountId, ledger: 'EUR', limit: 100, before });
			transfers.push(...page.transfers);
			if (page.nextBefore === null) break;
			before = page.nextBefore;
		}
		const named = await q.query<{ at: Date }>('SELECT at FROM help_name_optins WHERE account_id = $1', [accountId]);
		return [
			...transfers.map((t) => ({ what: 'earned_for_buurtpot', transferId: t.transferId, at: iso(t.at), cents: Number(t.amount), reversesId: t.reversesId })),
			...named.map((n) => ({ what: 'name_shown_in_pot', since: iso(n.at) }))
		];
	},
	// The legs stay as they are (the ledger is whole and still balances); being named goes.
	order: 22,
	erase: async (tx, s) => {
		const n = (await tx.query('DELETE FROM help_name_optins WHERE account_id = $1 RETURNING account_id', [s.accountId])).length;
		return n + (await tx.query('DELETE FROM help_idempotency WHERE actor_id = $1 RETURNING key', [s.accountId])).length;
	}
};

/** Idempotency keys of forms and API calls (their results may hold what was sent): days after use. */
export const idempotencyRetention: RetentionKind = {
	kind: 'idempotency_keys',
	module: 'help',
	messageKey: 'privacy.retention.idempotency_keys',
	defaultDays: 7,
	run: async (tx, { now, kind, defaultDays }) =>
		(
			await tx.query(
				`DELETE FROM help_idempotency WHERE created_at < $1::timestamptz - make_interval(days => privacy_period_days(audit_corporation_of(actor_id, NULL), $2, $3)) RETURNING key`,
				[now, kind, defaultDays]
			)
		).length
};

export const helpPersonalData = [helpRequestData, helpMessageData, walletData];

/** Withdrawing the consent to be named on the pot page (privacy page). */
export async function stopNamingInPot(tx: Queryable, c: { accountId: string }): Promise<void> {
	await tx.query('DELETE FROM help_name_optins WHERE account_id = $1', [c.accountId]);
}
