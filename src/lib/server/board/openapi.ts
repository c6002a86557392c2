/** The board's part of the OpenAPI document (/buurten/{id}/board/**). */
import { ref, json, idParam, idempotencyHeader, dateTime, nullableDateTime, nullableString, uuid, common4xxWith } from '../shared/openapi';
import { MAX_BODY, groupAccess, nameChoices, postKinds } from './model';
import { groupActions } from './groups';

const common4xx = common4xxWith({ '403': 'board.forbidden: in scope, but the role may not', '409': 'e.g. board.owner_cannot_leave, board.already_in_group' });
const ok = (schema: unknown, description = 'Done') => ({ '200': json(schema, description), ...common4xx });
const created = (schema: unknown, description = 'Created') => ({ '201': json(schema, description), ...common4xx });
const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
const jsonBody = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const jsonOrMultipart = (schema: unknown) => ({ required: true, content: { 'application/json': { schema }, 'multipart/form-data': { schema: { ...(schema as object), properties: { ...(schema as { properties: object }).properties, photos: { type: 'array', maxItems: 3, items: { type: 'string', format: 'binary' } } } } } } });
const body = { type: 'string', minLength: 1, maxLength: MAX_BODY };
const done = { type: 'object', properties: { id: uuid, deleted: { type: 'boolean' } } };
const before = { name: 'before', in: 'query', required: false, schema: { type: 'string', format: 'uuid' }, description: 'The id of the last post of the previous page (nextBefore)' };

export const schemas: Record<string, unknown> = {
	BoardModeration: {
		type: 'object',
		description: 'Hidden (until reviewed) or removed after neighbours reported it: others get an empty body; the author reads the reviewer’s reason and note',
		properties: { state: { type: 'string', enum: ['visible', 'hidden', 'removed'] }, reason: nullableString, note: nullableString }
	},
	BoardAuthor: {
		type: 'object',
		required: ['shown', 'name', 'street', 'isStaff'],
		description: 'shown "street": the author chose "a neighbour from the <street>"; "name": the first name (+ street if they show it), full names for staff of the corporation',
		properties: { shown: { type: 'string', enum: ['name', 'street'] }, name: nullableString, street: nullableString, isStaff: { type: 'boolean' } }
	},
	BoardPost: {
		type: 'object',
		required: ['id', 'buurtId', 'kind', 'body', 'author', 'createdAt', 'replyCount', 'photoUrls'],
		properties: {
			id: uuid,
			buurtId: uuid,
			groupId: { type: ['string', 'null'], format: 'uuid' },
			kind: { type: 'string', enum: ['news', ...postKinds] },
			body: { type: 'string' },
			author: ref('BoardAuthor'),
			isMine: { type: 'boolean' },
			pinned: { type: 'boolean' },
			expiresOn: { type: ['string', 'null'], format: 'date', description: 'News: the first day it is no longer shown' },
			createdAt: dateTime,
			editedAt: nullableDateTime,
			replyCount: { type: 'integer' },
			photoUrls: { type: 'array', items: { type: 'string' } },
			moderation: ref('BoardModeration'),
			can: { type: 'object', properties: { edit: { type: 'boolean' }, delete: { type: 'boolean' }, report: { type: 'boolean' } } }
		}
	},
	BoardReply: {
		type: 'object',
		required: ['id', 'body', 'author', 'createdAt'],
		properties: { id: uuid, body: { type: 'string' }, author: ref('BoardAuthor'), isMine: { type: 'boolean' }, createdAt: dateTime, editedAt: nullableDateTime, moderation: ref('BoardModeration'), can: { type: 'object' } }
	},
	BoardGroup: {
		type: 'object',
		required: ['id', 'name', 'access', 'memberCount'],
		properties: { id: uuid, name: { type: 'string' }, description: { type: 'string' }, access: { type: 'string', enum: [...groupAccess] }, memberCount: { type: 'integer' }, myStatus: { type: ['string', 'null'], enum: ['member', 'requested', null] }, isOwner: { type: 'boolean' } }
	},
	BoardFeed: {
		type: 'object',
		required: ['posts', 'nextBefore'],
		properties: { posts: { type: 'array', items: ref('BoardPost') }, nextBefore: { type: ['string', 'null'], format: 'uuid' }, can: { type: 'object' } }
	}
};

const postInput = {
	type: 'object',
	required: ['kind', 'body'],
	properties: {
		kind: { type: 'string', enum: [...postKinds] },
		body,
		nameChoice: { type: 'string', enum: [...nameChoices], default: 'name' },
		groupId: { ...uuid, description: 'Post in this group (its members only)' }
	}
};

export const paths: Record<string, unknown> = {
	'/buurten/{id}/board': {
		get: { operationId: 'getBoardFeed', summary: 'The buurt’s board, newest first (pinned news first on the first page); members and staff of its corporation', parameters: [idParam, before], responses: ok(ref('BoardFeed')) }
	},
	'/buurten/{id}/board/posts': {
		post: { operationId: 'createBoardPost', summary: 'A member posts (up to 3 photos, multipart)', parameters: [idParam, idempotencyHeader], requestBody: jsonOrMultipart(postInput), responses: created({ type: 'object', properties: { id: uuid, buurtId: uuid, groupId: { type: ['string', 'null'] } } }) }
	},
	'/buurten/{id}/board/news': {
		post: {
			operationId: 'createBoardNews',
			summary: 'Staff of the corporation post news (pinned, with an expiry date)',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonBody({ type: 'object', required: ['body'], properties: { body, pinned: { type: 'boolean' }, expiresOn: { type: 'string', format: 'date' } } }),
			responses: created({ type: 'object', properties: { id: uuid, buurtId: uuid } })
		}
	},
	'/buurten/{id}/board/posts/{postId}': {
		get: { operationId: 'getBoardPost', summary: 'A post with its replies', parameters: [idParam, param('postId')], responses: ok({ type: 'object', properties: { post: ref('BoardPost'), replies: { type: 'array', items: ref('BoardReply') }, can: { type: 'object' } } }) },
		patch: { operationId: 'editBoardPost', summary: 'The author edits their post', parameters: [idParam, param('postId')], requestBody: jsonBody({ type: 'object', required: ['body'], properties: { body, kind: { type: 'string', enum: [...postKinds] } } }), responses: ok({ type: 'object', properties: { id: uuid } }) },
		delete: { operationId: 'deleteBoardPost', summary: 'The author deletes their post; staff of the corporation delete one (audited)', parameters: [idParam, param('postId')], responses: ok(done) }
	},
	'/buurten/{id}/board/posts/{postId}/replies': {
		post: { operationId: 'addBoardReply', summary: 'Reply (the post’s author is told: board.reply)', parameters: [idParam, param('postId'), idempotencyHeader], requestBody: jsonBody({ type: 'object', required: ['body'], properties: { body, nameChoice: { type: 'string', enum: [...nameChoices] } } }), responses: created({ type: 'object', properties: { id: uuid, postId: uuid } }) }
	},
	'/buurten/{id}/board/posts/{postId}/replies/{replyId}': {
		patch: { operationId: 'editBoardReply', summary: 'The author edits their reply', parameters: [idParam, param('postId'), param('replyId')], requestBody: jsonBody({ type: 'object', required: ['body'], properties: { body } }), responses: ok({ type: 'object', properties: { id: uuid } }) },
		delete: { operationId: 'deleteBoardReply', summary: 'The author deletes their reply; staff delete one (audited)', parameters: [idParam, param('postId'), param('replyId')], responses: ok(done) }
	},
	'/buurten/{id}/board/groups': {
		get: { operationId: 'listBoardGroups', summary: 'The buurt’s groups', parameters: [idParam], responses: ok({ type: 'object', properties: { groups: { type: 'array', items: ref('BoardGroup') } } }) },
		post: {
			operationId: 'createBoardGroup',
			summary: 'A member creates a group (open, or by request: the creator approves)',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonBody({ type: 'object', required: ['name', 'access'], properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, description: { type: 'string', maxLength: 1000 }, access: { type: 'string', enum: [...groupAccess] } } }),
			responses: created({ type: 'object', properties: { id: uuid, buurtId: uuid } })
		}
	},
	'/buurten/{id}/board/groups/{groupId}': {
		get: {
			operationId: 'getBoardGroup',
			summary: 'A group, its members and — for who may read them — its posts (posts is null otherwise)',
			parameters: [idParam, param('groupId'), before],
			responses: ok({ type: 'object', properties: { group: ref('BoardGroup'), members: { type: 'array' }, requests: { type: 'array' }, posts: { type: ['array', 'null'], items: ref('BoardPost') }, nextBefore: nullableString, can: { type: 'object' } } })
		}
	},
	'/buurten/{id}/board/groups/{groupId}/actions': {
		post: {
			operationId: 'actOnBoardGroup',
			summary: 'join (open: at once; by request: a request), leave, approve / decline a request, hand_over, close (the owner)',
			parameters: [idParam, param('groupId')],
			requestBody: jsonBody({ type: 'object', required: ['action'], properties: { action: { type: 'string', enum: [...groupActions] }, accountId: { ...uuid, description: 'approve, decline, hand_over' } } }),
			responses: ok({ type: 'object', properties: { groupId: uuid, action: { type: 'string' }, status: { type: 'string' } } })
		}
	}
};
