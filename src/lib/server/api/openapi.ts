/**
 * The OpenAPI 3.1 description of /api/v1. Each module adds its paths and schemas here; a test
 * validates the document with a real validator and checks that every route in it exists.
 */
import { openapi as notificationsApi } from '../notifications';
import { openapi as helpApi } from '../help';
import { openapi as roundsApi } from '../rounds';
import { openapi as proposalsApi } from '../proposals';
import { openapi as potApi } from '../pot';
import { openapi as reportsApi } from '../reports';
import { openapi as open311Api } from '../open311';
import { openapi as boardApi } from '../board';
import { webhooksApi } from '../webhooks';
import { openapi as moderationApi } from '../moderation';
import { openapi as dashboardApi } from '../dashboard';
import { openapi as careApi } from '../care';
import { openapi as voiceApi } from '../voice';
import { listenOpenapi as listenApi } from '../voice';

const error = {
	type: 'object',
	description:
		'Every 4xx answer. The HTTP status follows from the code: 400 bad input, 401 not logged in, 403 not allowed, 404 not found (or not yours to see), 409 conflicts with the current state, 413 too large, 429 too many attempts.',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			additionalProperties: false,
			properties: {
				code: { type: 'string', pattern: '^[a-z_][a-z0-9_]*\\.[a-z0-9_.]+$', description: 'Stable and namespaced; branch on this, not on the message.', examples: ['auth.invalid_credentials', 'proposals.status_conflict'] },
				message: { type: 'string', description: "In the user's language (the noaber_lang cookie, else Accept-Language, else Dutch)." },
				fields: {
					type: 'object',
					description: 'Only when fields are at fault: field name (dotted for nested input, e.g. costLines.0.label) → message in the same language.',
					additionalProperties: { type: 'string' },
					examples: [{ email: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.' }]
				},
				details: { type: 'object', description: 'Only when there are any: numbers and limits behind the message, e.g. { "max": 3 }.', additionalProperties: true }
			}
		}
	}
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const coreSchemas: Record<string, unknown> = {
	Error: error,
	Me: {
		type: 'object',
		required: ['id', 'name', 'email', 'locale', 'persona', 'roles'],
		properties: {
			id: { type: 'string', format: 'uuid' },
			name: { type: 'string' },
			email: { type: 'string', format: 'email' },
			locale: { type: 'string', enum: ['nl', 'en'] },
			persona: { type: 'string', enum: ['admin', 'employee', 'care', 'tenants_association', 'municipality', 'supplier', 'supervisor', 'tenant'] },
			roles: {
				type: 'object',
				properties: {
					memberOf: { type: 'array', items: { type: 'string', format: 'uuid' } },
					supervisorOf: { type: 'array', items: { type: 'string', format: 'uuid' } },
					ambassadorOf: { type: 'array', items: { type: 'string', format: 'uuid' } },
					staff: { type: 'array', items: { type: 'object', properties: { corporationId: { type: 'string' }, role: { type: 'string', enum: ['wijkconsulent', 'huismeester', 'admin', 'social_team'] } } } },
					partner: { type: 'array', items: { type: 'object', properties: { organisationId: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } } } }
				}
			}
		}
	},
	Buurt: {
		type: 'object',
		required: ['id', 'code', 'cbsYear', 'name', 'wijk', 'gemeente'],
		properties: {
			id: { type: 'string', format: 'uuid' },
			code: { type: 'string', pattern: '^BU[0-9A-Z]{8}$', description: 'CBS buurtcode' },
			cbsYear: { type: 'integer', description: 'Year of the CBS wijk- en buurtindeling the code belongs to' },
			name: { type: 'string' },
			wijk: { type: 'object', properties: { code: { type: 'string', pattern: '^WK[0-9]{6}$' }, name: { type: 'string' } } },
			gemeente: { type: 'object', properties: { code: { type: 'string', pattern: '^GM[0-9]{4}$' }, name: { type: 'string' } } }
		}
	}
};

const corePaths: Record<string, unknown> = {
	'/sessions': {
		post: {
			operationId: 'createSession',
			summary: 'Log in with e-mail and password; returns a bearer token',
			security: [],
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string', format: 'email' }, password: { type: 'string' } } }
					}
				}
			},
			responses: {
				'201': {
					description: 'Logged in',
					content: { 'application/json': { schema: { type: 'object', required: ['token', 'expiresAt'], properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } } } }
				},
				'400': errorResponse('Invalid input or wrong credentials'),
				'429': errorResponse('Too many attempts')
			}
		}
	},
	'/me': {
		get: {
			operationId: 'getMe',
			summary: 'The logged-in person and their roles',
			responses: {
				'200': { description: 'The actor', content: { 'application/json': { schema: { $ref: '#/components/schemas/Me' } } } },
				'401': errorResponse('Not logged in')
			}
		}
	},
	'/buurten': {
		get: {
			operationId: 'listBuurten',
			summary: 'The buurten the actor may see',
			responses: {
				'200': {
					description: 'Buurten',
					content: { 'application/json': { schema: { type: 'object', required: ['buurten'], properties: { buurten: { type: 'array', items: { $ref: '#/components/schemas/Buurt' } } } } } }
				},
				'401': errorResponse('Not logged in')
			}
		}
	},
	'/buurten/{id}': {
		get: {
			operationId: 'getBuurt',
			summary: 'One buurt the actor may see',
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
			responses: {
				'200': { description: 'The buurt', content: { 'application/json': { schema: { $ref: '#/components/schemas/Buurt' } } } },
				'401': errorResponse('Not logged in'),
				'404': errorResponse('Unknown, or not visible to the actor')
			}
		}
	}
};

/** Each module's part of the document: `src/lib/server/<module>/openapi.ts` exports paths and schemas. */
const parts: { paths: Record<string, unknown>; schemas: Record<string, unknown> }[] = [{ paths: corePaths, schemas: coreSchemas }, notificationsApi, helpApi, potApi, roundsApi, proposalsApi, reportsApi, open311Api, boardApi, moderationApi, dashboardApi, careApi, voiceApi, listenApi, { paths: {}, schemas: webhooksApi.schemas }];

export const paths = Object.assign({}, ...parts.map((p) => p.paths)) as Record<string, unknown>;
export const schemas = Object.assign({}, ...parts.map((p) => p.schemas)) as Record<string, unknown>;
export const errorResponseRef = errorResponse;

export function openApiDocument(serverUrl: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Noaber API',
			version: '1.0.0',
			description:
				'The JSON API of Noaber. Every response is scoped to what the logged-in person may see. Authenticate with the session cookie or with `Authorization: Bearer <token>` from POST /sessions. Errors have a stable code and a message in the user language.'
		},
		servers: [{ url: `${serverUrl}/api/v1` }],
		security: [{ bearer: [] }, { cookie: [] }],
		paths,
		// What Noaber sends to a corporation's own systems (README "Webhooks").
		webhooks: webhooksApi.webhooks,
		components: {
			schemas,
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer' },
				cookie: { type: 'apiKey', in: 'cookie', name: 'noaber_session' }
			}
		}
	};
}
