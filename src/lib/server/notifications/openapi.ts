/** The notifications part of the OpenAPI document (added to `parts` in api/openapi.ts). */
import { deliveryModes, notificationTypes } from './types';
import { subjectKinds } from './notify';

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
});
const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });

const modeMap = {
	type: 'object',
	properties: Object.fromEntries(notificationTypes.map((t) => [t, { $ref: '#/components/schemas/NotificationMode' }])),
	additionalProperties: false
};

export const schemas: Record<string, unknown> = {
	NotificationType: { type: 'string', enum: [...notificationTypes] },
	NotificationMode: {
		type: 'string',
		enum: [...deliveryModes],
		description: 'instant: an e-mail within a minute; digest: in one e-mail a day (07:00 UTC); off: no e-mail (still in the inbox, except help.published).'
	},
	Notification: {
		type: 'object',
		required: ['id', 'type', 'subject', 'title', 'body', 'path', 'url', 'createdAt', 'read'],
		properties: {
			id: { type: 'string', format: 'uuid' },
			type: { $ref: '#/components/schemas/NotificationType' },
			subject: {
				type: 'object',
				required: ['kind', 'id'],
				properties: { kind: { type: 'string', enum: [...subjectKinds] }, id: { type: 'string' } }
			},
			title: { type: 'string', description: "In the reader's language" },
			body: { type: 'string', description: "In the reader's language" },
			path: { type: 'string', examples: ['/help/0b6c…'] },
			url: { type: 'string', format: 'uri' },
			createdAt: { type: 'string', format: 'date-time' },
			read: { type: 'boolean' }
		}
	},
	NotificationPreferences: {
		type: 'object',
		required: ['preferences', 'defaults', 'relevant'],
		properties: {
			preferences: modeMap,
			defaults: modeMap,
			relevant: { type: 'array', items: { $ref: '#/components/schemas/NotificationType' }, description: 'Types the person can receive with their current roles' }
		}
	}
};

export const paths: Record<string, unknown> = {
	'/notifications': {
		get: {
			operationId: 'listNotifications',
			summary: 'The inbox, newest first',
			parameters: [
				{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 30 } },
				{ name: 'before', in: 'query', description: 'Cursor: nextBefore of the previous page', schema: { type: 'string', format: 'uuid' } }
			],
			responses: {
				'200': json(
					{
						type: 'object',
						required: ['items', 'nextBefore', 'unread'],
						properties: {
							items: { type: 'array', items: { $ref: '#/components/schemas/Notification' } },
							nextBefore: { type: ['string', 'null'], format: 'uuid' },
							unread: { type: 'integer', minimum: 0 }
						}
					},
					'One page of the inbox'
				),
				'400': errorResponse('Invalid limit or cursor'),
				'401': errorResponse('Not logged in')
			}
		}
	},
	'/notifications/read': {
		post: {
			operationId: 'markNotificationsRead',
			summary: 'Mark some or all of your notifications read',
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: {
							type: 'object',
							properties: { ids: { type: 'array', maxItems: 500, items: { type: 'string', format: 'uuid' } }, all: { type: 'boolean' } },
							description: 'Either ids (ids of other people are ignored) or all: true'
						}
					}
				}
			},
			responses: {
				'200': json({ type: 'object', required: ['marked', 'unread'], properties: { marked: { type: 'integer' }, unread: { type: 'integer' } } }, 'Marked'),
				'400': errorResponse('Neither ids nor all, or a malformed id'),
				'401': errorResponse('Not logged in')
			}
		}
	},
	'/notifications/preferences': {
		get: {
			operationId: 'getNotificationPreferences',
			summary: 'Per type: instant, digest or off',
			responses: {
				'200': json({ $ref: '#/components/schemas/NotificationPreferences' }, 'Preferences'),
				'401': errorResponse('Not logged in')
			}
		},
		put: {
			operationId: 'setNotificationPreferences',
			summary: 'Change the mode of one or more types (types left out keep theirs)',
			requestBody: { required: true, content: { 'application/json': { schema: modeMap } } },
			responses: {
				'200': json({ $ref: '#/components/schemas/NotificationPreferences' }, 'Saved; all preferences'),
				'400': errorResponse('An unknown type or mode (fields name the type)'),
				'401': errorResponse('Not logged in')
			}
		}
	}
};
