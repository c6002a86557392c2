import type { Queryable } from '../db/client';
import { FORMER_NEIGHBOUR, iso, needlesOf, type ErasureSubject, type PersonalDataKind, type RetentionKind } from './model';

/**
 * The kinds of personal data the privacy module itself keeps or guards: consent records, the
 * audit trail about the person (audit sits below privacy and has no privacy.ts of its own),
 * the development outbox (mail is infrastructure) and the webhook events that name the person
 * (webhooks sits in privacy's layer).
 */
export const consentData: PersonalDataKind = {
	kind: 'consents',
	module: 'privacy',
	messageKey: 'privacy.kinds.consents',
	export: async (q, accountId) =>
		(
			await q.query<{ kind: string; scope: string | null; given_at: Date; given_how: string; withdrawn_at: Date | null; withdrawn_how: string | null }>(
				'SELECT kind, scope, given_at, given_how, withdrawn_at, withdrawn_how FROM consent_records WHERE account_id = $1 ORDER BY given_at, id',
				[accountId]
			)
		).map((r) => ({ kind: r.kind, scope: r.scope, givenAt: iso(r.given_at), givenHow: r.given_how, withdrawnAt: iso(r.withdrawn_at), withdrawnHow: r.withdrawn_how })),
	// The rows stay as proof of what was allowed when; what they name (a scope) is not personal.
	erase: async (tx, s) =>
		(await tx.query(`UPDATE consent_records SET withdrawn_at = $2, withdrawn_how = 'erasure' WHERE account_id = $1 AND withdrawn_at IS NULL RETURNING id`, [s.accountId, s.at])).length
};

const aboutPerson = `(actor_id = $1 OR subject = 'account:' || $1::text)`;

export const auditData: PersonalDataKind = {
	kind: 'audit_entries',
	module: 'audit',
	messageKey: 'privacy.kinds.audit_entries',
	export: async (q, accountId) =>
		(
			await q.query<{ at: Date; action: string; subject: string | null; details: unknown; by_me: boolean }>(
				`SELECT at, action, subject, details, actor_id = $1 AS by_me FROM audit_log WHERE ${aboutPerson} ORDER BY id LIMIT 10000`,
				[accountId]
			)
		).map((r) => ({ at: iso(r.at), action: r.action, subject: r.subject, byYou: r.by_me, details: r.details })),
	// The rows stay (who did what, when, is the corporation's record); details that are about the
	// person, or that name them anywhere, lose those strings. Money rows keep their figures.
	order: 90,
	erase: async (tx, s) => {
		const needles = needlesOf(s);
		const rows = await tx.query(
			`UPDATE audit_log SET details = privacy_scrub_jsonb(details, $2::text[], $3)
			 WHERE (${aboutPerson} OR details::text ILIKE ANY (SELECT '%' || n || '%' FROM unnest($2::text[]) n))
			   AND details IS DISTINCT FROM privacy_scrub_jsonb(details, $2::text[], $3) RETURNING id`,
			[s.accountId, needles, FORMER_NEIGHBOUR]
		);
		return rows.length;
	}
};

export const outboxData: PersonalDataKind = {
	kind: 'outbox_mail',
	module: 'mail',
	messageKey: 'privacy.kinds.outbox_mail',
	export: async (q, accountId) =>
		(
			await q.query<{ created_at: Date; subject: string }>(
				'SELECT o.created_at, o.subject FROM mail_outbox o JOIN accounts a ON lower(a.email) = lower(o.to_address) WHERE a.id = $1 ORDER BY o.id LIMIT 1000',
				[accountId]
			)
		).map((r) => ({ at: iso(r.created_at), subject: r.subject })),
	erase: async (tx: Queryable, s: ErasureSubject) =>
		(await tx.query(`DELETE FROM mail_outbox WHERE lower(to_address) = lower($1) OR body ILIKE ANY (SELECT '%' || n || '%' FROM unnest($2::text[]) n) RETURNING id`, [s.email, needlesOf(s)])).length
};

/**
 * Webhooks' personal data (webhooks sits beside privacy in the layers, so its kind lives here, as mail's does): events that name an account by its id (member.joined,
 * member.left: ids and states only, never names or addresses — emit-event.ts), kept until
 * delivered and pruned. The export lists them; the erasure deletes them with their deliveries
 * (cascade), so no pending delivery tells the corporation's systems about the person afterwards.
 * What those systems already received is the corporation's to erase (their own processing).
 */
export const webhookEventData: PersonalDataKind = {
	kind: 'webhook_events',
	module: 'webhooks',
	messageKey: 'privacy.kinds.webhook_events',
	export: async (q, accountId) =>
		(
			await q.query<{ type: string; occurred_at: Date; data: Record<string, unknown>; delivered: number }>(
				`SELECT e.type, e.occurred_at, e.data, (SELECT count(*)::int FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'delivered') AS delivered
				 FROM webhook_events e WHERE e.data ? 'accountId' AND e.data->>'accountId' = $1::text ORDER BY e.occurred_at, e.id`,
				[accountId]
			)
		).map((e) => ({ type: e.type, at: iso(e.occurred_at), data: e.data, deliveredTo: e.delivered })),
	erase: async (tx, s) => (await tx.query(`DELETE FROM webhook_events WHERE data ? 'accountId' AND data->>'accountId' = $1::text RETURNING id`, [s.accountId])).length
};

/** Audit rows older than the corporation's period (default two years; rows without a corporation: the default). */
export const auditRetention: RetentionKind = {
	kind: 'audit_log',
	module: 'audit',
	messageKey: 'privacy.retention.audit_log',
	defaultDays: 730,
	run: async (tx, { now, kind, defaultDays }) =>
		(await tx.query(`DELETE FROM audit_log WHERE at < $1::timestamptz - make_interval(days => privacy_period_days(corporation_id, $2, $3)) RETURNING id`, [now, kind, defaultDays])).length
};

/** The development outbox (demo mode only): mail older than the period. */
export const outboxRetention: RetentionKind = {
	kind: 'outbox_mail',
	module: 'mail',
	messageKey: 'privacy.retention.outbox_mail',
	defaultDays: 30,
	run: async (tx, { now, defaultDays }) =>
		(await tx.query(`DELETE FROM mail_outbox WHERE created_at < $1::timestamptz - make_interval(days => $2) RETURNING id`, [now, defaultDays])).length
};
