/** What a corporation's systems can subscribe to. Payloads carry ids and states, never names or texts. */
export const webhookEventTypes = [
	'melding.created',
	'melding.changed',
	'help_request.completed',
	'proposal.funded',
	'payout.made',
	'member.joined',
	'member.left'
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const deliveryStatuses = ['pending', 'queued', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * Tries per delivery: the first and seven retries, 30 s apart and doubling (pg-boss's
 * exponential backoff), so the last try comes about an hour after the first.
 */
export const MAX_ATTEMPTS = 8;
export const RETRY_DELAY_SECONDS = 30;

/** A receiver answering slower than this counts as a failed try (and is tried again). */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** Delivered and failed events older than this are deleted by the daily prune. */
export const EVENT_RETENTION_DAYS = 30;

export const DELIVER_JOB = 'webhooks.deliver';
export const DISPATCH_JOB = 'webhooks.dispatch';

export interface EndpointRow {
	id: string;
	corporation_id: string;
	url: string;
	description: string;
	event_types: WebhookEventType[];
	created_at: Date;
	disabled_at: Date | null;
}

export interface DeliveryRow {
	id: string;
	event_id: string;
	type: WebhookEventType;
	occurred_at: Date;
	status: DeliveryStatus;
	attempts: number;
	last_attempt_at: Date | null;
	last_status: number | null;
	last_error: string | null;
	delivered_at: Date | null;
}

/**
 * Who may manage a corporation's webhooks: its admins. Structural, so this base module needs
 * nothing from people (people's Actor fits it).
 */
export interface WebhookActor {
	accountId: string;
	staff: { corporationId: string; role: string }[];
}
export const canManageWebhooks = (actor: WebhookActor, corporationId: string) =>
	actor.staff.some((s) => s.corporationId === corporationId && s.role === 'admin');
export const webhookCorporationIds = (actor: WebhookActor) => [...new Set(actor.staff.filter((s) => s.role === 'admin').map((s) => s.corporationId))];
