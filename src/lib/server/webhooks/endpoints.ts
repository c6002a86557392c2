import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { idOf, plainText } from '../shared/text';
import { recordAudit } from '../audit';
import { canManageWebhooks, webhookEventTypes, type EndpointRow, type WebhookActor } from './model';
import { newWebhookSecret } from './signature';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * HTTPS only: the payload is small, but it says what happens in a neighbourhood. Plain http is
 * allowed to the machine itself (a receiver beside Noaber, and the tests). No credentials in
 * the URL: they would show on the staff page.
 */
export const endpointUrl = plainText()
	.trim()
	.max(500, 'validation.too_long')
	.refine((v) => {
		try {
			const u = new URL(v);
			if (u.username || u.password) return false;
			return u.protocol === 'https:' || (u.protocol === 'http:' && loopback.has(u.hostname));
		} catch {
			return false;
		}
	}, 'webhooks.url_https');

export const registerEndpointSchema = z.object({
	corporationId: idOf('webhooks.not_found'),
	url: endpointUrl,
	description: plainText().trim().max(200, 'validation.too_long').default(''),
	eventTypes: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(webhookEventTypes, 'validation.choice')).min(1, 'webhooks.choose_event').max(webhookEventTypes.length))
});

const endpointColumns = 'id, corporation_id, url, description, event_types, created_at, disabled_at';

/**
 * A corporation's admin registers an endpoint. The answer holds the signing secret, the only
 * time it is shown (the receiver keeps it). Audited. Errors: webhooks.not_found (not an admin
 * of that corporation), validation.invalid (url: webhooks.url_https, eventTypes:
 * webhooks.choose_event).
 */
export async function registerWebhookEndpoint(ctx: Ctx, actor: WebhookActor, input: unknown): Promise<EndpointRow & { secret: string }> {
	const v = parseInput(registerEndpointSchema, input);
	if (!canManageWebhooks(actor, v.corporationId)) throw new DomainError('webhooks.not_found');
	const at = ctx.clock();
	const secret = newWebhookSecret();
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.query<EndpointRow>(
			`INSERT INTO webhook_endpoints (corporation_id, url, description, event_types, secret, created_by, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${endpointColumns}`,
			[v.corporationId, v.url, v.description, [...new Set(v.eventTypes)], secret, actor.accountId, at]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'webhooks.endpoint_registered', subject: `webhook_endpoint:${row.id}`, details: { url: v.url, eventTypes: row.event_types }, corporationId: v.corporationId });
		return { ...row, secret };
	});
}

export const endpointIdSchema = z.object({ endpointId: idOf('webhooks.not_found') });

/**
 * Stops an endpoint: nothing new is queued for it and its queued deliveries fail at their next
 * try. Again on a stopped one: nothing changes. Audited. Errors: webhooks.not_found.
 */
export async function disableWebhookEndpoint(ctx: Ctx, actor: WebhookActor, input: unknown): Promise<EndpointRow> {
	const v = parseInput(endpointIdSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [e] = await tx.query<EndpointRow>(`SELECT ${endpointColumns} FROM webhook_endpoints WHERE id = $1 FOR UPDATE`, [v.endpointId]);
		if (!e || !canManageWebhooks(actor, e.corporation_id)) throw new DomainError('webhooks.not_found');
		if (e.disabled_at) return e;
		await tx.query('UPDATE webhook_endpoints SET disabled_at = $2, disabled_by = $3 WHERE id = $1', [e.id, at, actor.accountId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'webhooks.endpoint_disabled', subject: `webhook_endpoint:${e.id}`, corporationId: e.corporation_id });
		return { ...e, disabled_at: at };
	});
}

export const retryDeliverySchema = z.object({ endpointId: idOf('webhooks.not_found'), deliveryId: idOf('webhooks.not_found') });

/**
 * Hands a failed delivery to the dispatcher again (after the receiver was fixed), with a fresh
 * count of tries. Only a failed one: a delivered event is never sent twice by this button.
 * Errors: webhooks.not_found, webhooks.not_failed.
 */
export async function retryWebhookDelivery(ctx: Ctx, actor: WebhookActor, input: unknown): Promise<void> {
	const v = parseInput(retryDeliverySchema, input);
	const at = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		const [d] = await tx.query<{ status: string; corporation_id: string; disabled_at: Date | null }>(
			`SELECT d.status, w.corporation_id, w.disabled_at FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id
			 WHERE d.id = $1 AND d.endpoint_id = $2 FOR UPDATE OF d`,
			[v.deliveryId, v.endpointId]
		);
		if (!d || !canManageWebhooks(actor, d.corporation_id)) throw new DomainError('webhooks.not_found');
		if (d.status !== 'failed' || d.disabled_at) throw new DomainError('webhooks.not_failed');
		await tx.query(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0, queued_at = NULL WHERE id = $1`, [v.deliveryId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'webhooks.delivery_retried', subject: `webhook_endpoint:${v.endpointId}`, details: { deliveryId: v.deliveryId }, corporationId: d.corporation_id });
	});
}

/** The admin's corporation's endpoints, newest first, without secrets. */
export async function listWebhookEndpoints(db: Queryable, actor: WebhookActor, corporationId: string): Promise<EndpointRow[]> {
	if (!canManageWebhooks(actor, corporationId)) throw new DomainError('webhooks.not_found');
	return db.query<EndpointRow>(`SELECT ${endpointColumns} FROM webhook_endpoints WHERE corporation_id = $1 ORDER BY created_at DESC, id`, [corporationId]);
}

/** One endpoint for its admin. Errors: webhooks.not_found. */
export async function getWebhookEndpoint(db: Queryable, actor: WebhookActor, endpointId: string): Promise<EndpointRow> {
	const v = parseInput(endpointIdSchema, { endpointId });
	const [e] = await db.query<EndpointRow>(`SELECT ${endpointColumns} FROM webhook_endpoints WHERE id = $1`, [v.endpointId]);
	if (!e || !canManageWebhooks(actor, e.corporation_id)) throw new DomainError('webhooks.not_found');
	return e;
}
