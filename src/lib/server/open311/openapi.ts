/** The Open311 keys part of the OpenAPI document (/api/v1/open311/keys…). The GeoReport v2 API itself is at /open311/v2 (its own specification). */
import { ref, json, body, idParam, uuid, nullableDateTime, dateTime, common4xxWith } from '../shared/openapi';

const common4xx = common4xxWith({ '403': 'open311.forbidden (not staff)', '409': 'open311.key_exists (revoke the active key first)' });

export const schemas: Record<string, unknown> = {
	Open311Key: {
		type: 'object',
		required: ['id', 'corporationId', 'organisation', 'contact', 'label', 'prefix', 'createdAt', 'revokedAt'],
		properties: {
			id: uuid,
			corporationId: { ...uuid, description: 'The Open311 jurisdiction_id' },
			organisation: { type: 'object', properties: { id: uuid, name: { type: 'string' } } },
			contact: { type: 'object', description: 'The partner staff member the key acts as (role partner)', properties: { id: uuid, name: { type: 'string' } } },
			label: { type: 'string' },
			prefix: { type: 'string', description: 'The first characters of the key, to tell keys apart' },
			createdAt: dateTime,
			revokedAt: nullableDateTime,
			key: { type: 'string', description: 'Only in the answer to issuing it: the API key itself, shown once (only its SHA-256 is stored)' }
		}
	}
};

export const paths: Record<string, unknown> = {
	'/open311/keys': {
		get: {
			operationId: 'listOpen311Keys',
			summary: "Staff: the Open311 API keys of the corporation (without secrets), newest first",
			parameters: [{ name: 'corporationId', in: 'query', required: false, schema: uuid }],
			responses: { '200': json({ type: 'object', properties: { keys: { type: 'array', items: ref('Open311Key') } } }, 'Keys'), ...common4xx }
		},
		post: {
			operationId: 'issueOpen311Key',
			summary: 'Staff: issue the API key of a partner organisation (one active key each), acting as one of its partner staff; the key is in this answer only',
			requestBody: body({ type: 'object', required: ['organisationId', 'contactId'], properties: { organisationId: uuid, contactId: uuid, label: { type: 'string', maxLength: 120 } } }),
			responses: { '201': json(ref('Open311Key'), 'Issued (with key)'), ...common4xx }
		}
	},
	'/open311/keys/{id}': {
		delete: { operationId: 'revokeOpen311Key', summary: 'Staff: revoke a key (at once; again changes nothing)', parameters: [idParam], responses: { '200': json(ref('Open311Key'), 'Revoked'), ...common4xx } }
	}
};
