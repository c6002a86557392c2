/** The meldingen part of the OpenAPI document (/api/v1/reports…). */
import { ref, errorResponse, json, body, idParam, idempotencyHeader, nullableString, nullableDateTime, uuid, common4xxWith } from '../shared/openapi';
import { categoryKinds, partyKinds, publicStates, questionKinds, reportStates, visibilities } from './model';
import { transitionActions } from './state-machine';

const common4xx = common4xxWith({ '400': 'e.g. answers.<code> → reports.answer_required', '409': 'e.g. reports.not_new, reports.closed' });
const names = { type: 'object', properties: { nl: { type: 'string' }, en: { type: 'string' } } };
const query = (name: string, schema: unknown, description?: string) => ({ name, in: 'query', required: false, schema, ...(description ? { description } : {}) });
const figure = { type: 'object', required: ['value', 'suppressed'], properties: { value: { type: ['number', 'null'] }, basis: { type: ['integer', 'null'] }, suppressed: { type: 'boolean', description: 'True when fewer than 5 reports are behind it: show "<5"' } } };

export const schemas: Record<string, unknown> = {
	ReportState: { type: 'string', enum: [...reportStates] },
	ReportPublicState: { type: 'string', enum: [...publicStates], description: 'What the buurt sees: received (new, acknowledged, reopened), in_progress, done (resolved), closed (rejected, forwarded, merged, withdrawn)' },
	ReportParty: {
		type: 'object',
		required: ['kind'],
		properties: { kind: { type: 'string', enum: [...partyKinds] }, teamId: { type: ['string', 'null'], format: 'uuid' }, staffId: { type: ['string', 'null'], format: 'uuid' }, organisationId: { type: ['string', 'null'], format: 'uuid' } }
	},
	ReportLocation: {
		description: 'One of: at my home, at my complex, an address from the address search (PDOK Locatieserver), or a map pin',
		oneOf: [
			{ type: 'object', required: ['kind'], properties: { kind: { const: 'home' }, unitId: uuid } },
			{ type: 'object', required: ['kind'], properties: { kind: { const: 'complex' }, complexId: uuid } },
			{
				type: 'object',
				required: ['kind', 'label', 'buurtCode', 'lat', 'lon'],
				properties: { kind: { const: 'address' }, label: { type: 'string' }, buurtCode: { type: 'string', pattern: '^BU[0-9A-Z]{8}$' }, nummeraanduidingId: { type: 'string', pattern: '^[0-9]{16}$' }, verblijfsobjectId: { type: 'string', pattern: '^[0-9]{16}$' }, lat: { type: 'number' }, lon: { type: 'number' } }
			},
			{ type: 'object', required: ['kind', 'lat', 'lon'], properties: { kind: { const: 'pin' }, lat: { type: 'number' }, lon: { type: 'number' }, buurtId: uuid } }
		]
	},
	ReportInput: {
		type: 'object',
		required: ['categoryId', 'location', 'description'],
		properties: {
			categoryId: uuid,
			location: ref('ReportLocation'),
			description: { type: 'string', minLength: 3, maxLength: 4000 },
			answers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, description: "By question code; checked against the category's questions" },
			hideName: { type: 'boolean', description: 'Hide my name from the public view' }
		}
	},
	ReportSummary: {
		type: 'object',
		required: ['id', 'state', 'publicState', 'category', 'buurt', 'createdAt', 'dueOn'],
		properties: {
			id: uuid,
			buurt: { type: 'object', properties: { id: uuid, name: { type: 'string' }, code: { type: 'string' } } },
			category: { type: 'object', properties: { id: uuid, kind: { type: 'string', enum: [...categoryKinds] }, name: names, serviceCode: { type: 'string' } } },
			visibility: { type: 'string', enum: [...visibilities] },
			state: ref('ReportState'),
			publicState: ref('ReportPublicState'),
			location: { type: 'object', properties: { kind: { type: 'string' }, complexName: nullableString, addressLabel: nullableString, unitAddress: { ...nullableString, description: 'The home address: reporter and handler only' }, lat: { type: ['number', 'null'] }, lon: { type: ['number', 'null'] } } },
			description: { ...nullableString, description: 'Null for who may not read it (a private report)' },
			reporterName: { ...nullableString, description: 'Staff: full name; partner and buurt: first name, or null when hidden' },
			isMine: { type: 'boolean' },
			isFollowing: { type: 'boolean' },
			supporters: { type: 'integer' },
			createdAt: { type: 'string', format: 'date-time' },
			dueOn: { type: 'string', format: 'date' },
			overdue: { type: 'boolean' },
			scheduledOn: { ...nullableString, format: 'date' },
			resolvedAt: nullableDateTime,
			closedAt: nullableDateTime,
			mergedIntoId: { type: ['string', 'null'], format: 'uuid' },
			sourceHelpRequestId: { type: ['string', 'null'], format: 'uuid', description: 'The help request this report came from (redirected by the supervisor)' },
			handler: { anyOf: [ref('ReportParty'), { type: 'null' }] }
		}
	},
	Report: {
		allOf: [
			ref('ReportSummary'),
			{
				type: 'object',
				properties: {
					answers: { type: ['object', 'null'] },
					history: {
						type: 'array',
						items: {
							type: 'object',
							properties: { at: { type: 'string', format: 'date-time' }, action: { type: 'string' }, fromState: { anyOf: [ref('ReportState'), { type: 'null' }] }, toState: ref('ReportState'), publicState: ref('ReportPublicState'), role: { type: 'string' }, actorName: nullableString, note: { ...nullableString, description: 'For the reporter, followers and the handler' } }
						}
					},
					actions: { type: 'array', items: { type: 'string', enum: [...transitionActions] } },
					satisfaction: { type: ['object', 'null'], properties: { score: { type: 'integer' }, comment: nullableString, answeredAt: { type: 'string', format: 'date-time' } } },
					canAnswerSatisfaction: { type: 'boolean' },
					canReopenUntil: nullableDateTime,
					photos: { type: 'array', items: { type: 'object', properties: { id: uuid, position: { type: 'integer' }, contentType: { type: 'string' }, purpose: { type: 'string', enum: ['report', 'work_order'], description: "the reporter's photo, or a handler's photo of the work done (reporter and handler only)" } } } },
					questions: { type: 'array', items: { type: 'object' } }
				}
			}
		]
	},
	ReportCategory: {
		type: 'object',
		properties: {
			id: uuid,
			parentId: { type: ['string', 'null'], format: 'uuid' },
			kind: { type: 'string', enum: [...categoryKinds] },
			name: names,
			description: { type: 'object', description: 'What the category is for (null when not written)', properties: { nl: { type: ['string', 'null'] }, en: { type: ['string', 'null'] } } },
			visibility: { type: 'string', enum: [...visibilities] },
			party: ref('ReportParty'),
			slaWorkingDays: { type: 'integer' },
			open311: { type: 'boolean' },
			serviceCode: { type: 'string' },
			active: { type: 'boolean' },
			questions: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, kind: { type: 'string', enum: [...questionKinds] }, label: names, required: { type: 'boolean' }, choices: { type: 'array', items: { type: 'object' } } } } }
		}
	},
	ReportTransitionResult: { type: 'object', properties: { id: uuid, state: ref('ReportState'), publicState: ref('ReportPublicState') } }
};

const list = (operationId: string, summary: string, parameters: unknown[] = []) => ({
	operationId,
	summary,
	parameters: [query('page', { type: 'integer', minimum: 1 }), query('state', ref('ReportState')), ...parameters],
	responses: { '200': json({ type: 'object', properties: { reports: { type: 'array', items: ref('ReportSummary') } } }, 'Reports'), ...common4xx }
});

export const paths: Record<string, unknown> = {
	'/reports': {
		get: list('listReports', 'scope=mine (reported or followed; default), buurt (public reports of buurtId), queue (staff, with filters), work-orders (a partner’s)', [
			query('scope', { type: 'string', enum: ['mine', 'buurt', 'queue', 'work-orders'] }),
			query('buurtId', uuid),
			query('categoryId', uuid),
			query('teamId', uuid),
			query('assignee', { type: 'string' }, "'me', 'none' or a staff member's id"),
			query('overdue', { type: 'boolean' }),
			query('open', { type: 'boolean' })
		]),
		post: { operationId: 'createReport', summary: 'Report something (a melding)', parameters: [idempotencyHeader], requestBody: body(ref('ReportInput')), responses: { '201': json({ type: 'object', properties: { id: uuid, state: ref('ReportState'), dueOn: { type: 'string', format: 'date' } } }, 'Reported'), ...common4xx } }
	},
	'/reports/duplicates': {
		post: {
			operationId: 'findDuplicateReports',
			summary: 'Before submitting: open reports of the category in the same complex or within 50 m, of the last 60 days (changes nothing)',
			requestBody: body({ type: 'object', required: ['categoryId', 'location'], properties: { categoryId: uuid, location: ref('ReportLocation') } }),
			responses: { '200': json({ type: 'object', properties: { duplicates: { type: 'array', items: { type: 'object' } } } }, 'Nearby open reports'), ...common4xx }
		}
	},
	'/reports/assign': {
		post: { operationId: 'assignReports', summary: 'Staff: give reports (bulk) to a team, colleague, supplier or the municipality; all or nothing', parameters: [idempotencyHeader], requestBody: body({ type: 'object', required: ['reportIds', 'party'], properties: { reportIds: { type: 'array', items: uuid, maxItems: 100 }, party: ref('ReportParty') } }), responses: { '200': json({ type: 'object', properties: { assigned: { type: 'integer' } } }, 'Assigned'), ...common4xx } }
	},
	'/reports/figures': {
		get: { operationId: 'getBuurtReportFigures', summary: "The corporation's performance in a buurt (members and staff); figures from fewer than 5 reports are suppressed", parameters: [{ ...query('buurtId', uuid), required: true }, query('days', { type: 'integer', minimum: 7, maximum: 3660 })], responses: { '200': json({ type: 'object', properties: { buurtId: uuid, since: { type: 'string', format: 'date-time' }, received: figure, medianHoursToFirstResponse: figure, medianHoursToResolution: figure, shareWithinTarget: figure, meanSatisfaction: figure } }, 'Figures'), ...common4xx } }
	},
	'/reports/categories': {
		get: { operationId: 'listReportCategories', summary: 'The category tree of a corporation with its questions', parameters: [query('corporationId', uuid)], responses: { '200': json({ type: 'object', properties: { categories: { type: 'array', items: ref('ReportCategory') } } }, 'Categories'), ...common4xx } },
		post: { operationId: 'createReportCategory', summary: 'Staff: add a category or sub-category', requestBody: body({ type: 'object', required: ['corporationId', 'kind', 'serviceCode', 'nameNl', 'nameEn', 'visibility', 'party', 'slaWorkingDays'] }), responses: { '201': json({ type: 'object', properties: { id: uuid } }, 'Created'), ...common4xx } }
	},
	'/reports/categories/{id}': {
		patch: { operationId: 'updateReportCategory', summary: 'Staff: change a category (not its kind or service code)', parameters: [idParam], requestBody: body({ type: 'object' }), responses: { '200': json({ type: 'object', properties: { id: uuid } }, 'Changed'), ...common4xx } }
	},
	'/reports/categories/{id}/questions': {
		post: { operationId: 'saveReportQuestion', summary: 'Staff: add or change a question (by code); switch one off with active: false', parameters: [idParam], requestBody: body({ type: 'object', required: ['code', 'kind', 'labelNl', 'labelEn'] }), responses: { '200': json({ type: 'object', properties: { id: uuid } }, 'Saved'), ...common4xx } }
	},
	'/reports/routing-rules': {
		get: { operationId: 'listReportRoutingRules', summary: 'Staff: the ordered routing rules', parameters: [query('corporationId', uuid)], responses: { '200': json({ type: 'object', properties: { rules: { type: 'array', items: { type: 'object' } } } }, 'Rules'), ...common4xx } },
		put: { operationId: 'saveReportRoutingRules', summary: 'Staff: replace the routing rules (first match wins)', requestBody: body({ type: 'object', required: ['corporationId', 'rules'] }), responses: { '200': json({ type: 'object', properties: { rules: { type: 'integer' } } }, 'Saved'), ...common4xx } }
	},
	'/reports/settings': {
		put: { operationId: 'saveReportSettings', summary: "Staff: months after closing before reporters' data is anonymised", requestBody: body({ type: 'object', required: ['corporationId', 'retentionMonths'] }), responses: { '200': json({ type: 'object', properties: { retentionMonths: { type: 'integer' } } }, 'Saved'), ...common4xx } }
	},
	'/reports/teams': {
		post: { operationId: 'saveReportTeam', summary: 'Staff: create a team, or rename it and set its members', requestBody: body({ type: 'object', required: ['corporationId', 'name'] }), responses: { '200': json({ type: 'object', properties: { id: uuid } }, 'Saved'), ...common4xx } }
	},
	'/reports/{id}': {
		get: { operationId: 'getReport', summary: 'One report as the actor may see it, with the actions they can take', parameters: [idParam], responses: { '200': json(ref('Report'), 'The report'), '401': errorResponse('Not logged in'), '404': errorResponse('Unknown or not visible') } },
		patch: { operationId: 'editReport', summary: 'The reporter changes text, answers or hideName while the report is new', parameters: [idParam, idempotencyHeader], requestBody: body({ type: 'object', properties: { description: { type: 'string' }, answers: { type: 'object' }, hideName: { type: 'boolean' } } }), responses: { '200': json(ref('ReportTransitionResult'), 'Changed'), ...common4xx } }
	},
	'/reports/{id}/transitions': {
		post: {
			operationId: 'transitionReport',
			summary: 'One step of the state machine, with the note the reporter reads',
			parameters: [idParam, idempotencyHeader],
			requestBody: body({ type: 'object', required: ['action'], properties: { action: { type: 'string', enum: [...transitionActions] }, note: { type: 'string' }, scheduledOn: { type: 'string', format: 'date' }, intoId: uuid, organisationId: uuid, forwardedTo: { type: 'string' } } }),
			responses: { '200': json(ref('ReportTransitionResult'), 'The new state'), ...common4xx }
		}
	},
	'/reports/{id}/follow': {
		post: { operationId: 'followReport', summary: 'Follow (optionally support: "I have this too")', parameters: [idParam], requestBody: body({ type: 'object', properties: { support: { type: 'boolean' } } }), responses: { '200': json({ type: 'object' }, 'Following'), ...common4xx } },
		delete: { operationId: 'unfollowReport', summary: 'Stop following', parameters: [idParam], responses: { '200': json({ type: 'object' }, 'Not following'), ...common4xx } }
	},
	'/reports/{id}/satisfaction': {
		post: { operationId: 'answerReportSatisfaction', summary: 'The reporter: how satisfied (1–5) with a comment, once; 1–2 offers reopening', parameters: [idParam, idempotencyHeader], requestBody: body({ type: 'object', required: ['score'], properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 1000 } } }), responses: { '200': json({ type: 'object', properties: { reportId: uuid, score: { type: 'integer' }, offerReopen: { type: 'boolean' } } }, 'Answered'), ...common4xx } }
	}
};
