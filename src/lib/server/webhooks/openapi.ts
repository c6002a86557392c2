import { webhookEventTypes } from './model';

/**
 * The outgoing events in the OpenAPI document's `webhooks` (OpenAPI 3.1): what a corporation's
 * receiver gets, signed as README "Webhooks" explains.
 */
const eventSchema = {
	type: 'object',
	required: ['id', 'type', 'occurredAt', 'corporationId', 'data'],
	properties: {
		id: { type: 'string', format: 'uuid', description: 'The event: the same on every try, so a receiver deduplicates on it' },
		type: { type: 'string', enum: [...webhookEventTypes] },
		occurredAt: { type: 'string', format: 'date-time' },
		corporationId: { type: 'string', format: 'uuid' },
		data: { type: 'object', description: 'Ids and states only (README "Webhooks" lists the fields per type)', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } }
	}
};

const headers = {
	'Noaber-Signature': { required: true, schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' }, description: 'HMAC-SHA256 with the endpoint secret over "<t>.<raw body>"' },
	'Noaber-Event': { required: true, schema: { type: 'string', enum: [...webhookEventTypes] } },
	'Noaber-Delivery': { required: true, schema: { type: 'string', format: 'uuid' } }
};

export const webhooksApi = {
	webhooks: Object.fromEntries(
		webhookEventTypes.map((type) => [
			type,
			{
				post: {
					operationId: `webhook_${type.replace('.', '_')}`,
					summary: `Noaber tells the corporation's system: ${type}`,
					parameters: Object.entries(headers).map(([name, h]) => ({ name, in: 'header', ...h })),
					requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } } },
					responses: { '2XX': { description: 'Received; anything else is tried again with backoff (8 tries over about an hour)' } }
				}
			}
		])
	),
	schemas: { WebhookEvent: eventSchema }
};
