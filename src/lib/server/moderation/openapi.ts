/** Moderation's part of the OpenAPI document (/buurten/{id}/moderation). */
import { ref, json, idParam, dateTime, nullableString, uuid, common4xxWith } from '../shared/openapi';
import { contentKinds, reportReasons } from './model';

const common4xx = common4xxWith({ '403': 'moderation.forbidden: a member of the buurt who is not its ambassador' });

export const schemas: Record<string, unknown> = {
	ModerationItem: {
		type: 'object',
		required: ['id', 'kind', 'buurtId', 'path', 'excerpt', 'state', 'households', 'hideAfter', 'reasons', 'updatedAt'],
		description: 'A reported piece of content waiting for review; who reported it is never told',
		properties: {
			id: uuid,
			kind: { type: 'string', enum: [...contentKinds] },
			buurtId: uuid,
			path: { type: 'string', description: 'The content’s page' },
			excerpt: { type: 'string', description: 'Its words as last reported or edited' },
			state: { type: 'string', enum: ['visible', 'hidden', 'removed'] },
			hiddenBy: { ...nullableString, enum: ['reports', 'reviewer', null] },
			editedAfterHide: { type: 'boolean' },
			households: { type: 'integer', description: 'Different households that reported it since the last review' },
			hideAfter: { type: 'integer', description: 'The buurt’s threshold' },
			reasons: { type: 'array', items: { type: 'string', enum: [...reportReasons] } },
			updatedAt: dateTime
		}
	}
};

export const paths: Record<string, unknown> = {
	'/buurten/{id}/moderation': {
		get: {
			operationId: 'getModerationQueue',
			summary: 'What waits for review in the buurt: its ambassadors (public content) and staff of its corporation (everything)',
			parameters: [idParam],
			responses: { '200': json({ type: 'object', properties: { buurt: { type: 'object', properties: { id: uuid, name: { type: 'string' } } }, items: { type: 'array', items: ref('ModerationItem') } } }, 'The queue'), ...common4xx }
		}
	}
};
