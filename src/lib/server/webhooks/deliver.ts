import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DELIVERY_TIMEOUT_MS, DELIVER_JOB, EVENT_RETENTION_DAYS, MAX_ATTEMPTS, RETRY_DELAY_SECONDS, type DeliveryRow, type WebhookEventType } from './model';
import { signWebhook } from './signature';

/** How a job sends another job (shared/boss.ts passes pg-boss's send). */
export type SendJob = (name: string, data: Record<string, unknown>, options?: { singletonKey?: string; retryLimit?: number; retryDelay?: number; retryBackoff?: boolean }) => Promise<unknown>;

const BATCH = 200;
/** A queued delivery untouched for this long lost its job (a crash between commit and send): hand it again. */
const REQUEUE_AFTER_MINUTES = 90;

/**
 * Hands pending deliveries to pg-boss, one job each (pg-boss then owns the retries and their
 * backoff). Rows are claimed with SKIP LOCKED, so several workers never hand the same one twice;
 * the job's singletonKey keeps a re-handed row from running twice at once.
 */
export async function dispatchWebhookDeliveries(ctx: Pick<Ctx, 'db' | 'clock'>, send: SendJob): Promise<number> {
	const now = ctx.clock();
	const claimed = await ctx.db.transaction((tx) =>
		tx.query<{ id: string }>(
			`UPDATE webhook_deliveries SET status = 'queued', queued_at = $1
			 WHERE id IN (SELECT id FROM webhook_deliveries
				WHERE status = 'pending' OR (status = 'queued' AND queued_at < $1::timestamptz - make_interval(mins => $2))
				ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
			 RETURNING id`,
			[now, REQUEUE_AFTER_MINUTES, BATCH]
		)
	);
	// The retries ride on the job: MAX_ATTEMPTS runs in all, 30 s apart and doubling.
	for (const { id } of claimed) await send(DELIVER_JOB, { deliveryId: id }, { singletonKey: id, retryLimit: MAX_ATTEMPTS - 1, retryDelay: RETRY_DELAY_SECONDS, retryBackoff: true });
	return claimed.length;
}

/** A try that did not reach a 2xx: pg-boss sees the throw and tries again later. */
export class WebhookDeliveryFailed extends Error {}

interface Loaded {
	id: string;
	status: string;
	attempts: number;
	url: string;
	secret: string;
	disabled_at: Date | null;
	event_id: string;
	type: WebhookEventType;
	occurred_at: Date;
	corporation_id: string;
	data: Record<string, unknown>;
}

/** The JSON a receiver gets (README "Webhooks"). */
export const webhookBody = (d: Pick<Loaded, 'event_id' | 'type' | 'occurred_at' | 'corporation_id' | 'data'>) =>
	JSON.stringify({ id: d.event_id, type: d.type, occurredAt: new Date(d.occurred_at).toISOString(), corporationId: d.corporation_id, data: d.data });

/**
 * One try of one delivery: POST the signed event, record the answer. A 2xx marks it delivered;
 * anything else counts a try and throws (so pg-boss retries with backoff) until the last try,
 * which marks it failed. Idempotent: a delivered or failed delivery is left alone; redirects are
 * not followed (the signature names one receiver).
 */
export async function deliverWebhook(ctx: Pick<Ctx, 'db' | 'clock' | 'log'>, deliveryId: string, fetchImpl: typeof fetch = fetch): Promise<'delivered' | 'failed' | 'skipped'> {
	const [d] = await ctx.db.query<Loaded>(
		`SELECT d.id, d.status, d.attempts, w.url, w.secret, w.disabled_at, e.id AS event_id, e.type, e.occurred_at, e.corporation_id, e.data
		 FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id JOIN webhook_events e ON e.id = d.event_id WHERE d.id = $1`,
		[deliveryId]
	);
	if (!d || d.status === 'delivered' || d.status === 'failed') return 'skipped';
	const at = ctx.clock();
	if (d.disabled_at) {
		await record(ctx.db, d.id, { status: 'failed', at, code: null, error: 'endpoint disabled', tried: false });
		return 'failed';
	}
	const body = webhookBody(d);
	let code: number | null = null;
	let error: string | null = null;
	try {
		const res = await fetchImpl(d.url, {
			method: 'POST',
			redirect: 'manual',
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Noaber-Webhooks/1',
				'noaber-event': d.type,
				'noaber-delivery': d.id,
				'noaber-signature': signWebhook(d.secret, Math.floor(at.getTime() / 1000), body)
			},
			body
		});
		code = res.status;
		await res.body?.cancel().catch(() => {});
		if (res.status >= 200 && res.status < 300) {
			await record(ctx.db, d.id, { status: 'delivered', at, code, error: null, tried: true });
			return 'delivered';
		}
		error = `HTTP ${res.status}`;
	} catch (err) {
		error = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 300);
	}
	const last = d.attempts + 1 >= MAX_ATTEMPTS;
	await record(ctx.db, d.id, { status: last ? 'failed' : 'queued', at, code, error, tried: true });
	ctx.log.warn({ deliveryId: d.id, attempt: d.attempts + 1, status: code, error }, last ? 'webhook delivery failed for good' : 'webhook delivery failed, will retry');
	if (last) return 'failed';
	throw new WebhookDeliveryFailed(error);
}

async function record(db: Queryable, id: string, r: { status: string; at: Date; code: number | null; error: string | null; tried: boolean }) {
	await db.query(
		`UPDATE webhook_deliveries SET status = $2, attempts = attempts + $6::int, last_attempt_at = $3, last_status = $4, last_error = $5,
		 delivered_at = CASE WHEN $2 = 'delivered' THEN $3 ELSE delivered_at END WHERE id = $1`,
		[id, r.status, r.at, r.code, r.error, r.tried ? 1 : 0]
	);
}

/** Deletes events (with their deliveries) whose every delivery ended, after the retention period. */
export async function pruneWebhookEvents(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<number> {
	const rows = await ctx.db.query<{ id: string }>(
		`DELETE FROM webhook_events e WHERE e.occurred_at < $1::timestamptz - make_interval(days => $2)
		 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'queued')) RETURNING e.id`,
		[ctx.clock(), EVENT_RETENTION_DAYS]
	);
	return rows.length;
}

/** An endpoint's deliveries, newest first (the staff page shows their status). */
export async function listWebhookDeliveries(db: Queryable, endpointId: string, limit = 50): Promise<DeliveryRow[]> {
	return db.query<DeliveryRow>(
		`SELECT d.id, d.event_id, e.type, e.occurred_at, d.status, d.attempts, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at
		 FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.endpoint_id = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
		[endpointId, limit]
	);
}
