import type { Queryable } from '../db/client';
import type { WebhookEventType } from './model';

export interface WebhookEvent {
	type: WebhookEventType;
	at: Date;
	/** Whose systems hear it: give the corporation, or a buurt or unit it is found from. */
	corporationId?: string;
	buurtId?: string;
	unitId?: string;
	/** Ids and states only: no names, texts, addresses or e-mail addresses. */
	data: Record<string, string | number | boolean | null>;
}

/**
 * Writes the event and one delivery per endpoint subscribed to it, inside the caller's
 * transaction: the event exists if and only if the change it describes committed (an outbox).
 * One statement, and nothing at all when no endpoint listens (the common case costs one
 * indexed probe).
 */
export async function emitWebhookEvent(tx: Queryable, e: WebhookEvent): Promise<void> {
	await tx.query(
		`WITH corp AS (
			SELECT COALESCE($3::uuid,
				(SELECT b.corporation_id FROM buurten b WHERE b.id = $4::uuid),
				(SELECT c.corporation_id FROM units u JOIN complexes c ON c.id = u.complex_id WHERE u.id = $5::uuid)) AS id
		), listening AS (
			SELECT w.id, w.corporation_id FROM webhook_endpoints w JOIN corp ON w.corporation_id = corp.id
			WHERE w.disabled_at IS NULL AND $1 = ANY(w.event_types)
		), ev AS (
			INSERT INTO webhook_events (corporation_id, type, occurred_at, data)
			SELECT corp.id, $1, $2, $6::jsonb FROM corp WHERE EXISTS (SELECT 1 FROM listening)
			RETURNING id
		)
		INSERT INTO webhook_deliveries (endpoint_id, event_id, created_at)
		SELECT l.id, ev.id, $2 FROM listening l CROSS JOIN ev`,
		[e.type, e.at, e.corporationId ?? null, e.buurtId ?? null, e.unitId ?? null, JSON.stringify(e.data)]
	);
}
