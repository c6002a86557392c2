import { iso, type PersonalDataKind } from '../privacy';

/**
 * Webhooks' personal data (privacy's table): events that name an account by its id (member.joined,
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

export const webhooksPersonalData = [webhookEventData];
