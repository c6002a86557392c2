/** The care bridge's part of the OpenAPI document (/care/**), for care organisations and vetted helpers. */
import { ref, json, body, idParam, idempotencyHeader, nullableString, common4xxWith } from '../shared/openapi';
import { careDayparts, careDays, careFrequencies, careNeeds, careStates, consentGivers } from './model';

const common4xx = common4xxWith({ '400': 'e.g. care.text_has_bsn in error.fields', '403': 'care.forbidden: not the request’s care provider', '409': 'e.g. care.closed, care.already_offered' });
const date = { type: 'string', format: 'date' };
const auth =
	'Care organisations authenticate with `Authorization: Bearer care-…`, the token staff of the corporation issued to the organisation (it acts as its contact, a partner employee, and nothing else); people may also use their session. Anyone who is neither care partner staff nor a vetted helper gets 404 — not even an empty list. Every read of a care request is written to the audit log.';

export const schemas: Record<string, unknown> = {
	CareNeed: { type: 'string', enum: [...careNeeds] },
	CareLine: {
		type: 'object',
		required: ['id', 'viewAs', 'need', 'buurtId', 'state'],
		properties: {
			id: { type: 'string', format: 'uuid' },
			viewAs: { type: 'string', enum: ['provider', 'open', 'matched', 'ended'], description: 'How the caller sees it: its care provider, a vetted helper (open), the accepted helper (matched), or only that it ended' },
			need: ref('CareNeed'),
			buurtId: { type: 'string', format: 'uuid' },
			buurtName: { type: 'string' },
			complexName: nullableString,
			days: { type: 'array', items: { type: 'string', enum: [...careDays] } },
			dayparts: { type: 'array', items: { type: 'string', enum: [...careDayparts] } },
			frequency: { type: 'string', enum: [...careFrequencies] },
			weeks: { type: ['integer', 'null'] },
			state: { type: 'string', enum: [...careStates], description: 'Closed as soon as the consent expired, also before the hourly job records it' },
			createdAt: { type: 'string', format: 'date-time' },
			organisationName: { type: 'string' },
			consentExpiresOn: { ...nullableString, format: 'date', description: 'For the care provider only' },
			waitingOffers: { type: ['integer', 'null'], description: 'For the care provider only' },
			offered: { type: 'boolean', description: 'The caller offered and waits for an answer' }
		}
	},
	CareRequest: {
		allOf: [
			ref('CareLine'),
			{
				type: 'object',
				properties: {
					availabilityNote: nullableString,
					consent: { type: ['object', 'null'], description: 'The consent record, for the care provider only', properties: { scope: { type: 'string' }, givenOn: date, givenBy: { type: 'string', enum: [...consentGivers] }, expiresOn: date, statedAt: { type: 'string', format: 'date-time' } } },
					offers: { type: ['array', 'null'], items: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, helperName: { type: 'string', description: 'First name' }, state: { type: 'string', enum: ['waiting', 'accepted', 'declined'] }, at: { type: 'string', format: 'date-time' } } } },
					helperName: nullableString,
					providerName: nullableString,
					messages: { type: ['array', 'null'], items: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, authorName: { type: 'string' }, isMine: { type: 'boolean' }, body: { type: 'string' } } } },
					sessions: { type: ['array', 'null'], items: { type: 'object', properties: { on: date, minutes: { type: 'integer' }, reward: { type: ['object', 'null'], properties: { status: { type: 'string', enum: ['pending', 'paid'] }, cents: { type: 'integer' } } } } } },
					maxSessions: { type: 'integer' },
					closedReason: { type: ['string', 'null'], enum: ['withdrawn', 'consent_ended', null], description: 'For the care provider only; a helper is told only that it ended' },
					can: { type: 'object', additionalProperties: { type: 'boolean' } }
				}
			}
		]
	},
	CareRequestInput: {
		type: 'object',
		required: ['buurtId', 'need', 'days', 'dayparts', 'frequency', 'consentGivenOn', 'consentGivenBy', 'consentStatement'],
		description: 'No field for a name, date of birth, BSN, address or diagnosis; a note that looks like it holds a BSN (9 digits passing the 11-test) or a date of birth is refused (400) and nothing is stored.',
		properties: {
			organisationId: { type: 'string', format: 'uuid', description: 'When the caller works for several care organisations' },
			buurtId: { type: 'string', format: 'uuid' },
			complexId: { type: 'string', format: 'uuid' },
			need: ref('CareNeed'),
			days: { type: 'array', items: { type: 'string', enum: [...careDays] }, minItems: 1 },
			dayparts: { type: 'array', items: { type: 'string', enum: [...careDayparts] }, minItems: 1 },
			availabilityNote: { type: 'string', maxLength: 300 },
			frequency: { type: 'string', enum: [...careFrequencies] },
			weeks: { type: 'integer', minimum: 2, maximum: 52, description: 'Required for weekly' },
			consentGivenOn: date,
			consentGivenBy: { type: 'string', enum: [...consentGivers] },
			consentExpiresOn: { ...date, description: 'Default: 12 months after consentGivenOn; at most 24 months' },
			consentStatement: { type: 'boolean', const: true, description: 'The care provider states that the consent was obtained' }
		}
	}
};

const requestParams = [idParam];
export const paths: Record<string, unknown> = {
	'/care/requests': {
		get: {
			operationId: 'listCareRequests',
			summary: 'The care requests the caller may see: those they provide, open ones of the buurten where they are a vetted helper, and the ones they help with',
			description: auth,
			parameters: [{ name: 'state', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'matched', 'closed', 'all'] } }],
			responses: { '200': json({ type: 'object', properties: { provided: { type: 'array', items: ref('CareLine') }, open: { type: 'array', items: ref('CareLine') }, mine: { type: 'array', items: ref('CareLine') } } }, 'Lists'), ...common4xx }
		},
		post: {
			operationId: 'createCareRequest',
			summary: 'A care provider asks the buurt’s vetted helpers for support for a client, with the consent record',
			description: auth,
			parameters: [idempotencyHeader],
			requestBody: body(ref('CareRequestInput')),
			responses: { '201': json({ type: 'object', properties: { id: { type: 'string', format: 'uuid' }, consentExpiresOn: date } }, 'Created'), ...common4xx }
		}
	},
	'/care/requests/{id}': {
		get: { operationId: 'getCareRequest', summary: 'One care request as the caller may see it (the read is audited)', description: auth, parameters: requestParams, responses: { '200': json(ref('CareRequest'), 'The request'), ...common4xx } }
	},
	'/care/requests/{id}/offers': {
		post: { operationId: 'offerCareHelp', summary: 'A vetted helper of the buurt offers to help (once)', parameters: [...requestParams, idempotencyHeader], responses: { '201': json({ type: 'object', properties: { offerId: { type: 'string', format: 'uuid' } } }, 'Offered'), ...common4xx } }
	},
	'/care/requests/{id}/offers/{offerId}/accept': {
		post: {
			operationId: 'acceptCareOffer',
			summary: 'The care provider accepts one offer: the thread opens; the other helpers are told the request ended',
			parameters: [...requestParams, { name: 'offerId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, idempotencyHeader],
			responses: { '200': json({ type: 'object', properties: { requestId: { type: 'string', format: 'uuid' }, helperId: { type: 'string', format: 'uuid' } } }, 'Matched'), ...common4xx }
		}
	},
	'/care/requests/{id}/messages': {
		post: {
			operationId: 'postCareMessage',
			summary: 'A message between the accepted helper and the care provider (a BSN or date of birth is refused)',
			parameters: [...requestParams, idempotencyHeader],
			requestBody: body({ type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 2000 } } }),
			responses: { '201': json({ type: 'object', properties: { id: { type: 'integer' } } }, 'Posted'), ...common4xx }
		}
	},
	'/care/requests/{id}/sessions': {
		post: {
			operationId: 'logCareSession',
			summary: 'The care provider logs a completed session; it counts as Superbuurt zorg help and its reward goes to the buurtpot',
			parameters: [...requestParams, idempotencyHeader],
			requestBody: body({ type: 'object', required: ['sessionOn', 'minutes'], properties: { sessionOn: date, minutes: { type: 'integer', minimum: 5, maximum: 600 } } }),
			responses: { '201': json({ type: 'object', properties: { sessionId: { type: 'string', format: 'uuid' }, helpRequestId: { type: 'string', format: 'uuid' }, reward: { type: 'string', enum: ['paid', 'pending', 'none'] } } }, 'Logged'), ...common4xx }
		}
	},
	'/care/requests/{id}/withdraw': {
		post: { operationId: 'withdrawCareRequest', summary: 'The care provider ends the request at any time; the thread closes and the helper is told only that it ended', parameters: [...requestParams, idempotencyHeader], responses: { '200': json({ type: 'object', properties: { id: { type: 'string', format: 'uuid' }, state: { type: 'string', enum: ['closed'] } } }, 'Closed'), ...common4xx } }
	},
	'/care/log': {
		get: {
			operationId: 'listCareLog',
			summary: 'The coordinator of a care organisation: every audit row about its care requests (who read or changed what, when)',
			parameters: [{ name: 'requestId', in: 'query', required: false, schema: { type: 'string', format: 'uuid' } }],
			responses: { '200': json({ type: 'object', properties: { entries: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, action: { type: 'string' }, actorName: nullableString, requestId: { type: 'string', format: 'uuid' } } } } } }, 'The log'), ...common4xx }
		}
	}
};
