/** The buurtpot proposals part of the OpenAPI document (/proposals/**). */
import { ref, json, idParam, idempotencyHeader, dateTime, nullableDateTime, nullableString, uuid, common4xxWith } from '../shared/openapi';
import { feasibilityOutcomes, proposalStatuses } from './model';
import { paths as settingsPaths, schemas as settingsSchemas } from './openapi-settings';

const cents = { type: 'integer', minimum: 1, description: 'Euro cents, whole and above 0' };
const common4xx = common4xxWith({ '400': 'or a rule of the buurtpot (e.g. pot.insufficient)', '409': 'e.g. proposals.already_supported, proposals.support_closed' });
const ok = (schema: unknown, description = 'Done') => ({ '200': json(schema, description), ...common4xx });
const created = (schema: unknown, description = 'Created') => ({ '201': json(schema, description), ...common4xx });
const statusResult = { type: 'object', required: ['id', 'status'], properties: { id: uuid, status: ref('ProposalStatus') } };
const eventInput = (kind: 'shift' | 'activity'): ObjectSchema => ({
	type: 'object',
	required: ['title', 'place', 'date', 'startTime', 'endTime', ...(kind === 'shift' ? ['capacity'] : [])],
	properties: {
		title: { type: 'string', minLength: 3, maxLength: 120 },
		description: { type: 'string', maxLength: 2000 },
		place: { type: 'string', minLength: 1, maxLength: 200 },
		date: { type: 'string', format: 'date', description: 'In the buurt’s time zone (Europe/Amsterdam)' },
		startTime: { type: 'string', pattern: '^\\d{1,2}:\\d{2}$', examples: ['10:00'] },
		endTime: { type: 'string', pattern: '^\\d{1,2}:\\d{2}$', examples: ['12:30'] },
		capacity: { type: 'integer', minimum: 1, maximum: 1000, description: kind === 'shift' ? 'Places for volunteers' : 'Leave out for no limit' },
		idempotencyKey: { type: 'string' }
	}
});
const proposalText = {
	title: { type: 'string', minLength: 3, maxLength: 120 },
	description: { type: 'string', minLength: 1, maxLength: 4000 },
	costCents: { ...cents, maximum: 100000000, description: 'Euro cents; may be left out when costLines are given (their sum is used); when both are given they must agree' },
	costLines: { type: 'array', maxItems: 10, items: ref('CostLine') },
	place: { type: 'string', maxLength: 200 },
	volunteers: { type: 'string', maxLength: 1000, description: 'What volunteers are needed' },
	idempotencyKey: { type: 'string' }
};
const multipartNote = 'JSON, or multipart/form-data with the same fields as text (costLines as JSON text) plus up to 3 `photos` (JPEG, PNG or WebP, 5 MB each; checked by content, metadata removed).';

export const schemas: Record<string, unknown> = {
	ProposalStatus: {
		type: 'string',
		enum: [...proposalStatuses],
		description: 'support → feasibility → accepted | needs_changes | declined; accepted → in_vote → won | lost; won → in_progress (first payment) → done (final report). expired: not enough households in time. withdrawn: by the author, until the vote.'
	},
	CostLine: { type: 'object', required: ['label', 'cents'], properties: { label: { type: 'string', minLength: 1, maxLength: 80 }, cents } },
	ProposalSummary: {
		type: 'object',
		required: ['id', 'buurtId', 'title', 'costCents', 'status', 'supportCount', 'supportNeeded', 'createdAt'],
		properties: {
			id: uuid,
			buurtId: uuid,
			buurtName: { type: 'string' },
			title: { type: 'string' },
			description: { type: 'string', description: 'Empty for others while the text is hidden or removed after reports (the title stays)' },
			moderation: ref('ProposalModeration'),
			costCents: { type: 'integer' },
			requestedCostCents: { type: ['integer', 'null'], description: 'What the author asked for, when the feasibility check adjusted the cost' },
			status: ref('ProposalStatus'),
			place: { type: 'string' },
			authorName: { type: 'string', description: 'First name only' },
			isMine: { type: 'boolean' },
			supportCount: { type: 'integer', description: 'Supporting households (the author’s counts)' },
			supportNeeded: { type: 'integer' },
			supportDeadline: dateTime,
			supportedByMyHousehold: { type: 'boolean' },
			createdAt: dateTime,
			photoUrl: nullableString,
			paidCents: { type: 'integer' }
		}
	},
	Proposal: {
		allOf: [
			ref('ProposalSummary'),
			{
				type: 'object',
				properties: {
					costLines: { type: 'array', items: ref('CostLine') },
					volunteers: { type: 'string' },
					decision: {
						type: ['object', 'null'],
						description: 'The latest feasibility answer, with the reason everyone sees',
						properties: { outcome: { type: 'string', enum: [...feasibilityOutcomes] }, reason: { type: 'string' }, byName: nullableString, at: dateTime }
					},
					report: nullableString,
					doneAt: nullableDateTime,
					editableUntil: nullableDateTime,
					supportedByMe: { type: 'boolean' },
					photoUrls: { type: 'array', items: { type: 'string' } },
					remainingCents: { type: 'integer' },
					buurtpotCents: { type: ['integer', 'null'], description: 'The buurtpot’s balance, for staff who may pay' },
					history: {
						type: 'array',
						items: {
							type: 'object',
							properties: { at: dateTime, action: { type: 'string' }, fromStatus: { anyOf: [ref('ProposalStatus'), { type: 'null' }] }, toStatus: ref('ProposalStatus'), actorName: nullableString, reason: nullableString }
						}
					},
					comments: { type: 'array', items: ref('ProposalComment') },
					payments: { type: 'array', items: ref('ProposalPayment') },
					updates: {
						type: 'array',
						items: { type: 'object', properties: { id: uuid, at: dateTime, authorName: { type: 'string' }, body: { type: 'string' }, photoUrls: { type: 'array', items: { type: 'string' } } } }
					},
					events: { type: 'array', items: ref('ProposalEvent') },
					can: {
						type: 'object',
						description: 'What the actor may do now',
						properties: Object.fromEntries(['edit', 'withdraw', 'support', 'withdrawSupport', 'check', 'comment', 'report', 'hideComments', 'pay', 'followUp'].map((k) => [k, { type: 'boolean' }]))
					}
				}
			}
		]
	},
	ProposalModeration: {
		type: 'object',
		description: 'Hidden (until reviewed) or removed after neighbours reported it: others get no text; the author reads the reviewer’s reason and note',
		properties: { state: { type: 'string', enum: ['visible', 'hidden', 'removed'] }, reason: nullableString, note: nullableString }
	},
	ProposalComment: {
		type: 'object',
		properties: {
			id: { type: 'integer' },
			at: dateTime,
			authorName: { type: 'string' },
			isMine: { type: 'boolean' },
			isStaff: { type: 'boolean' },
			body: nullableString,
			deleted: { type: 'boolean' },
			hiddenReason: { ...nullableString, description: 'Hidden by the corporation: why (the text is then null for everyone)' },
			moderation: ref('ProposalModeration')
		}
	},
	ProposalPayment: {
		type: 'object',
		properties: { id: uuid, at: dateTime, amountCents: { type: 'integer' }, payee: { type: 'string' }, note: nullableString, receiptUrl: nullableString, paidByName: { type: 'string' } }
	},
	ProposalEvent: {
		type: 'object',
		properties: {
			id: uuid,
			proposalId: uuid,
			kind: { type: 'string', enum: ['shift', 'activity'] },
			title: { type: 'string' },
			description: { type: 'string' },
			place: { type: 'string' },
			startsAt: dateTime,
			endsAt: dateTime,
			capacity: { type: ['integer', 'null'] },
			taken: { type: 'integer' },
			cancelled: { type: 'boolean' },
			signedUp: { type: 'boolean' },
			volunteers: { type: ['array', 'null'], items: { type: 'string' }, description: 'First names, for the organiser only' },
			canSignUp: { type: 'boolean' }
		}
	},
	SimilarProposal: {
		type: 'object',
		properties: { id: uuid, title: { type: 'string' }, status: ref('ProposalStatus'), costCents: { type: 'integer' }, supportCount: { type: 'integer' }, supportNeeded: { type: 'integer' }, overlap: { type: 'integer' } }
	},
	SignupResult: { type: 'object', properties: { eventId: uuid, taken: { type: 'integer' }, capacity: { type: ['integer', 'null'] } } },
	...settingsSchemas
};

type ObjectSchema = { type: 'object'; required?: string[]; properties: Record<string, unknown> };
/**
 * A body read by apiInput (web/proposal-forms.ts): JSON, or multipart/form-data with the same
 * fields as text parts plus the files (numbers as text; `jsonParts` as JSON text). A test derives
 * from the route files which operations take multipart and which files, and checks this.
 */
const jsonOrMultipart = (schema: ObjectSchema, opts: { files?: Record<string, unknown>; jsonParts?: string[]; required?: boolean } = {}) => ({
	required: opts.required ?? true,
	content: {
		'application/json': { schema },
		'multipart/form-data': {
			schema: { ...schema, properties: { ...schema.properties, ...opts.files } },
			...(opts.jsonParts?.length ? { encoding: Object.fromEntries(opts.jsonParts.map((name) => [name, { contentType: 'application/json' }])) } : {})
		}
	}
});
const photosPart = { photos: { type: 'array', maxItems: 3, items: { type: 'string', format: 'binary', contentMediaType: 'image/*' }, description: 'JPEG, PNG or WebP, 5 MB each; checked by content, metadata removed' } };

export const paths: Record<string, unknown> = {
	'/proposals': {
		get: {
			operationId: 'listProposals',
			summary: 'A buurt’s proposals, newest first',
			parameters: [
				{ name: 'buurtId', in: 'query', required: false, schema: uuid, description: 'Default: the actor’s first buurt. Required for someone who is a member of no buurt (staff, the tenants’ association): without it the answer is 400 with `error.fields.buurtId` (proposals.buurt_required)' },
				{ name: 'status', in: 'query', required: false, schema: { type: 'array', items: ref('ProposalStatus') }, style: 'form', explode: true }
			],
			responses: ok({ type: 'object', required: ['proposals'], properties: { proposals: { type: 'array', items: ref('ProposalSummary') } } })
		},
		post: {
			operationId: 'createProposal',
			summary: 'Propose what the buurtpot should pay for (the support phase starts at once)',
			description: multipartNote,
			parameters: [idempotencyHeader],
			requestBody: jsonOrMultipart({ type: 'object', required: ['buurtId', 'title', 'description'], properties: { buurtId: uuid, ...proposalText } }, { files: photosPart, jsonParts: ['costLines'] }),
			responses: created(statusResult)
		}
	},
	'/proposals/similar': {
		get: {
			operationId: 'findSimilarProposals',
			summary: 'Live proposals of the buurt that resemble a title (“support that one instead?”)',
			parameters: [
				{ name: 'buurtId', in: 'query', required: true, schema: uuid },
				{ name: 'title', in: 'query', required: true, schema: { type: 'string', maxLength: 120 } },
				{ name: 'description', in: 'query', required: false, schema: { type: 'string', maxLength: 4000 } }
			],
			responses: ok({ type: 'object', properties: { similar: { type: 'array', items: ref('SimilarProposal') } } })
		}
	},
	'/proposals/{id}': {
		get: { operationId: 'getProposal', summary: 'One proposal with everything around it', parameters: [idParam], responses: ok(ref('Proposal')) },
		patch: {
			operationId: 'editProposal',
			summary: 'The author edits (24 hours, before other support; or when changes were asked — then it goes back to the check)',
			description: `${multipartNote} removePhotoIds (JSON array) removes photos.`,
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart({ type: 'object', required: ['title', 'description'], properties: { ...proposalText, removePhotoIds: { type: 'array', items: uuid } } }, { files: photosPart, jsonParts: ['costLines', 'removePhotoIds'] }),
			responses: ok(statusResult)
		}
	},
	'/proposals/{id}/withdraw': {
		post: {
			operationId: 'withdrawProposal',
			summary: 'The author withdraws (until the vote)',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart({ type: 'object', properties: { reason: { type: 'string', maxLength: 1000 } } }, { required: false }),
			responses: ok(statusResult)
		}
	},
	'/proposals/{id}/support': {
		post: {
			operationId: 'supportProposal',
			summary: 'Support the proposal for one’s household (one support per household)',
			parameters: [idParam, idempotencyHeader],
			responses: ok({ type: 'object', properties: { id: uuid, status: ref('ProposalStatus'), supportCount: { type: 'integer' }, supportNeeded: { type: 'integer' } } })
		},
		delete: {
			operationId: 'withdrawProposalSupport',
			summary: 'Take back one’s own support while the support phase runs (409 proposals.not_supported, proposals.author_support, proposals.support_closed)',
			parameters: [idParam, idempotencyHeader],
			responses: ok({ type: 'object', properties: { id: uuid, status: ref('ProposalStatus'), supportCount: { type: 'integer' }, supportNeeded: { type: 'integer' } } })
		}
	},
	'/proposals/{id}/feasibility': {
		post: {
			operationId: 'answerFeasibility',
			summary: 'Staff (and the tenants’ association where allowed) answer the feasibility check',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart({
				type: 'object',
				required: ['outcome', 'reason'],
				properties: { outcome: { type: 'string', enum: [...feasibilityOutcomes] }, reason: { type: 'string', minLength: 3, maxLength: 2000 }, costCents: { ...cents, description: 'Only with accept: the adjusted cost' } }
			}),
			responses: ok({ type: 'object', properties: { id: uuid, status: ref('ProposalStatus'), costCents: { type: 'integer' } } })
		}
	},
	'/proposals/{id}/comments': {
		get: { operationId: 'listProposalComments', summary: 'Comments on the proposal', parameters: [idParam], responses: ok({ type: 'object', properties: { comments: { type: 'array', items: ref('ProposalComment') } } }) },
		post: {
			operationId: 'addProposalComment',
			summary: 'Comment (members of the buurt and staff)',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart({ type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 1000 } } }),
			responses: created({ type: 'object', properties: { id: { type: 'integer' }, proposalId: uuid } })
		}
	},
	'/proposals/{id}/comments/{commentId}': {
		delete: {
			operationId: 'deleteProposalComment',
			summary: 'Remove one’s own comment',
			parameters: [idParam, { name: 'commentId', in: 'path', required: true, schema: { type: 'integer' } }],
			responses: ok({ type: 'object', properties: { id: { type: 'integer' }, deleted: { type: 'boolean' } } })
		}
	},
	'/proposals/{id}/comments/{commentId}/hide': {
		post: {
			operationId: 'hideProposalComment',
			summary: 'Staff of the corporation hide a comment with a reason; everyone then reads “hidden by the corporation: <reason>” (audited)',
			parameters: [idParam, { name: 'commentId', in: 'path', required: true, schema: { type: 'integer' } }],
			requestBody: jsonOrMultipart({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 3, maxLength: 2000 } } }),
			responses: ok({ type: 'object', properties: { id: { type: 'integer' }, hidden: { type: 'boolean' } } })
		}
	},
	'/proposals/{id}/payments': {
		get: {
			operationId: 'listProposalPayments',
			summary: 'Payments of the proposal from the buurtpot (visible to the buurt)',
			parameters: [idParam],
			responses: ok({ type: 'object', properties: { paidCents: { type: 'integer' }, remainingCents: { type: 'integer' }, payments: { type: 'array', items: ref('ProposalPayment') } } })
		},
		post: {
			operationId: 'payProposal',
			summary: 'Staff pay (part of) a won proposal from the buurtpot, with a receipt',
			description: 'Never more than the buurtpot holds (pot.insufficient) nor than the proposal’s cost (proposals.payment_exceeds_cost).',
			parameters: [idParam, { ...idempotencyHeader, required: true, description: 'Required: the payment and its ledger transfer are named after it, so a retry — also days later — never pays twice. ' + idempotencyHeader.description }],
			requestBody: {
				required: true,
				content: {
					'multipart/form-data': {
						schema: {
							type: 'object',
							required: ['amountCents', 'payee', 'receipt'],
							properties: { amountCents: cents, payee: { type: 'string', minLength: 2, maxLength: 120 }, note: { type: 'string', maxLength: 500 }, receipt: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or WebP, at most 5 MB' } }
						}
					}
				}
			},
			responses: created({
				type: 'object',
				properties: { id: uuid, proposalId: uuid, transferId: { type: 'string' }, amountCents: { type: 'integer' }, paidCents: { type: 'integer' }, remainingCents: { type: 'integer' }, status: ref('ProposalStatus') }
			})
		}
	},
	'/proposals/{id}/updates': {
		post: {
			operationId: 'postProposalUpdate',
			summary: 'A progress update (author or staff), with up to 3 photos',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart({ type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 2000 } } }, { files: photosPart }),
			responses: created({ type: 'object', properties: { id: uuid, proposalId: uuid } })
		}
	},
	'/proposals/{id}/report': {
		post: {
			operationId: 'finishProposal',
			summary: 'The final report: what was done; the cost is the sum of the payments. The proposal is done.',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart({ type: 'object', required: ['report'], properties: { report: { type: 'string', minLength: 10, maxLength: 4000 } } }),
			responses: ok({ type: 'object', properties: { id: uuid, status: ref('ProposalStatus'), spentCents: { type: 'integer' } } })
		}
	},
	'/proposals/{id}/shifts': {
		get: { operationId: 'listProposalShifts', summary: 'Volunteer shifts of the proposal', parameters: [idParam], responses: ok({ type: 'object', properties: { shifts: { type: 'array', items: ref('ProposalEvent') } } }) },
		post: {
			operationId: 'createProposalShift',
			summary: 'Add a volunteer shift (author or staff of a funded proposal)',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart(eventInput('shift')),
			responses: created({ type: 'object', properties: { id: uuid, kind: { type: 'string' } } })
		}
	},
	'/proposals/{id}/activities': {
		get: { operationId: 'listProposalActivities', summary: 'Activities of the proposal', parameters: [idParam], responses: ok({ type: 'object', properties: { activities: { type: 'array', items: ref('ProposalEvent') } } }) },
		post: {
			operationId: 'createProposalActivity',
			summary: 'Add an activity (author or staff of a funded proposal)',
			parameters: [idParam, idempotencyHeader],
			requestBody: jsonOrMultipart(eventInput('activity')),
			responses: created({ type: 'object', properties: { id: uuid, kind: { type: 'string' } } })
		}
	},
	'/proposals/{id}/events/{eventId}/signups': {
		post: {
			operationId: 'signUpForProposalEvent',
			summary: 'Sign up for a shift or activity (members of the buurt; capacity is enforced)',
			parameters: [idParam, { name: 'eventId', in: 'path', required: true, schema: uuid }],
			responses: created(ref('SignupResult'))
		},
		delete: {
			operationId: 'cancelProposalEventSignup',
			summary: 'Cancel one’s sign-up',
			parameters: [idParam, { name: 'eventId', in: 'path', required: true, schema: uuid }],
			responses: ok(ref('SignupResult'))
		}
	},
	...settingsPaths
};
