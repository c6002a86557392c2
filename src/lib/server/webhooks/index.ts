/**
 * Webhooks: a corporation's own systems hear what happens in Noaber, signed and retried.
 * Other modules call emitWebhookEvent inside their transaction; nothing else here is theirs.
 */
export { webhookEventTypes, deliveryStatuses, canManageWebhooks, webhookCorporationIds, MAX_ATTEMPTS, type WebhookEventType, type DeliveryStatus, type EndpointRow, type DeliveryRow, type WebhookActor } from './model';
export { emitWebhookEvent, type WebhookEvent } from './emit-event';
export { signWebhook, verifyWebhookSignature, SIGNATURE_HEADER } from './signature';
export { registerWebhookEndpoint, disableWebhookEndpoint, retryWebhookDelivery, listWebhookEndpoints, getWebhookEndpoint, registerEndpointSchema } from './endpoints';
export { dispatchWebhookDeliveries, deliverWebhook, pruneWebhookEvents, listWebhookDeliveries, webhookBody, WebhookDeliveryFailed } from './deliver';
export { webhookJobs } from './jobs';
export { seedWebhooksDemo } from './demo';
export { webhooksApi } from './openapi';
