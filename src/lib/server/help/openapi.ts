/** The Superbuurt part of the OpenAPI document (help requests, wallet, reward scheme; the pot itself is pot/openapi.ts). */
import { ref, errorResponse, json, body, idParam, idempotencyHeader, nullableString, nullableDateTime as dateTime, common4xxWith } from '../shared/openapi';
import { categories, helpStates, places, redirectKinds, updateChannels, urgencies, zorgLabels, rewardedCategories } from './model';
import { helpRoles, personActions } from './state-machine';

const cents = { type: 'integer', description: 'Euro cents' };
const common4xx = common4xxWith({ '409': 'e.g. help.already_taken' });

export const schemas: Record<string, unknown> = {
	HelpCategory: { type: 'string', enum: [...categories], description: '1–4 earn rewards; overige always goes to the corporation' },
	ZorgLabel: { type: 'string', enum: [...zorgLabels] },
	HelpState: { type: 'string', enum: [...helpStates] },
	HelpRequestSummary: {
		type: 'object',
		required: ['id', 'buurtId', 'category', 'state', 'urgency', 'when', 'place', 'createdAt'],
		properties: {
			id: { type: 'string', format: 'uuid' },
			buurtId: { type: 'string', format: 'uuid' },
			buurtName: { type: 'string' },
			category: ref('HelpCategory'),
			zorgLabel: { anyOf: [ref('ZorgLabel'), { type: 'null' }] },
			title: { ...nullableString, description: 'Null when the actor may not read the free text (a zorg request, for the buurt)' },
			state: ref('HelpState'),
			urgency: { type: 'string', enum: [...urgencies] },
			when: { type: 'string', enum: ['date', 'flexible'] },
			whenDate: { ...nullableString, format: 'date' },
			place: { type: 'string', enum: [...places] },
			createdAt: { type: 'string', format: 'date-time' },
			publishedAt: dateTime,
			waitingSince: { ...dateTime, description: 'Set when nobody took the published request in time' },
			askerName: { ...nullableString, description: 'First name only' },
			viaName: { ...nullableString, description: 'Who asked on behalf of a neighbour (first name)' },
			helperName: { ...nullableString, description: 'The helper (first name); in lists only on the asker’s own requests, on a request for whoever may see it' },
			isMine: { type: 'boolean' },
			isHelping: { type: 'boolean' }
		}
	},
	HelpRequest: {
		allOf: [
			ref('HelpRequestSummary'),
			{
				type: 'object',
				properties: {
					description: nullableString,
					placeNote: nullableString,
					onBehalfName: nullableString,
					consentNote: nullableString,
					updateChannel: { type: ['string', 'null'], enum: [...updateChannels, null] },
					redirectKind: { type: ['string', 'null'], enum: [...redirectKinds, null] },
					helperName: nullableString,
					checkerName: nullableString,
					takenAt: dateTime,
					doneAt: dateTime,
					confirmedAt: dateTime,
					autoConfirmOn: { ...nullableString, format: 'date' },
					reward: { type: ['object', 'null'], properties: { status: { type: 'string', enum: ['pending', 'paid'] }, cents } },
					actions: { type: 'array', items: { type: 'string', enum: [...personActions] }, description: 'What the actor can do now (POST …/transitions)' },
					canPostMessage: { type: 'boolean' },
					history: {
						type: ['array', 'null'],
						description: 'For the people involved; null for other neighbours',
						items: {
							type: 'object',
							properties: {
								at: { type: 'string', format: 'date-time' },
								action: { type: 'string' },
								fromState: { anyOf: [ref('HelpState'), { type: 'null' }] },
								toState: ref('HelpState'),
								role: { type: 'string', enum: [...helpRoles] },
								actorName: nullableString,
								reason: nullableString,
								changes: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, before: nullableString, after: nullableString } } }
							}
						}
					},
					messages: { type: ['array', 'null'], items: ref('HelpMessage') },
					zorgReads: {
						type: ['array', 'null'],
						description: "Staff reads of a zorg request's private text (who, when, why): for the asker (reader's first name) and staff; null for everyone else",
						items: { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, readerName: { type: 'string' }, reason: { type: 'string' } } }
					},
					mayReadZorg: { type: 'boolean', description: 'Staff whose turn it is may open the zorg text by giving a reason (on the request page)' }
				}
			}
		]
	},
	HelpMessage: {
		type: 'object',
		properties: {
			id: { type: 'integer' },
			at: { type: 'string', format: 'date-time' },
			authorName: { type: 'string' },
			isMine: { type: 'boolean' },
			kind: { type: 'string', enum: ['text', 'shared_address'] },
			body: { type: 'string', description: 'Empty for the other side when the message is hidden or removed after a report' },
			moderation: {
				type: 'object',
				description: 'Hidden (until staff review it) or removed after the other side reported it: the author reads the reason and note',
				properties: { state: { type: 'string', enum: ['visible', 'hidden', 'removed'] }, reason: { type: ['string', 'null'] }, note: { type: ['string', 'null'] } }
			}
		}
	},
	HelpRequestInput: {
		type: 'object',
		required: ['buurtId', 'category', 'title', 'description', 'when', 'urgency', 'place'],
		properties: {
			buurtId: { type: 'string', format: 'uuid' },
			category: ref('HelpCategory'),
			zorgLabel: { ...ref('ZorgLabel'), description: 'Required for zorg' },
			title: { type: 'string', minLength: 3, maxLength: 120 },
			description: { type: 'string', minLength: 1, maxLength: 4000 },
			when: { type: 'string', enum: ['date', 'flexible'] },
			whenDate: { type: 'string', format: 'date', description: 'Required when `when` is date; today or later' },
			urgency: { type: 'string', enum: [...urgencies] },
			place: { type: 'string', enum: [...places] },
			placeNote: { type: 'string', maxLength: 200 },
			idempotencyKey: { type: 'string' },
			onBehalf: {
				type: 'object',
				description: 'Supervisors and staff: ask for a neighbour without a phone, with consent',
				required: ['neighbourName', 'consent', 'consentNote', 'updateChannel'],
				properties: {
					neighbourName: { type: 'string', maxLength: 60 },
					consent: { const: true },
					consentNote: { type: 'string', minLength: 3, maxLength: 500 },
					updateChannel: { type: 'string', enum: [...updateChannels] }
				}
			}
		}
	},
	HelpTransitionInput: {
		type: 'object',
		required: ['action'],
		properties: {
			action: { type: 'string', enum: ['publish', 'return', 'redirect', 'reject', 'resubmit', 'cancel', 'take', 'release', 'mark_done', 'confirm', 'dispute', 'settle'] },
			reason: { type: 'string', maxLength: 1000, description: 'Required for publish, return, redirect, reject, dispute, settle; the answer for resubmit' },
			redirectKind: { type: 'string', enum: [...redirectKinds] },
			outcome: { type: 'string', enum: ['confirm', 'reopen', 'close'], description: 'For settle (staff)' },
			category: ref('HelpCategory'),
			zorgLabel: ref('ZorgLabel'),
			title: { type: 'string' },
			description: { type: 'string' },
			idempotencyKey: { type: 'string' }
		}
	},
	HelpTransitionResult: {
		type: 'object',
		required: ['id', 'state'],
		properties: { id: { type: 'string', format: 'uuid' }, state: ref('HelpState'), reward: { type: 'string', enum: ['paid', 'pending', 'none'] } }
	},
	HelpFollowUp: {
		type: 'object',
		required: ['assigneeName', 'note', 'notedAt', 'closedAt'],
		properties: {
			assigneeName: { type: ['string', 'null'] },
			note: { type: ['string', 'null'] },
			notedAt: { type: ['string', 'null'], format: 'date-time' },
			closedAt: { type: ['string', 'null'], format: 'date-time' },
			staff: { type: ['array', 'null'], description: 'Staff only: colleagues it can be given to', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } }
		}
	},
	Wallet: {
		type: 'object',
		properties: {
			totalCents: cents,
			pendingCents: cents,
			namedInPot: { type: 'boolean' },
			items: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						requestId: { type: 'string' },
						transferId: { type: 'string' },
						at: { type: 'string', format: 'date-time' },
						buurtName: { type: 'string' },
						category: { anyOf: [ref('HelpCategory'), { type: 'null' }] },
						zorgLabel: { anyOf: [ref('ZorgLabel'), { type: 'null' }] },
						title: nullableString,
						roles: { type: 'array', items: { type: 'string', enum: ['asker', 'supervisor', 'helper'] } },
						cents,
						reversed: { type: 'boolean' }
					}
				}
			},
			pending: { type: 'array', items: { type: 'object' } },
			nextBefore: { type: ['integer', 'null'] }
		}
	},
	RewardAmounts: { type: 'object', properties: { askerCents: cents, supervisorCents: cents, helperCents: cents } },
	RewardScheme: { type: 'object', properties: Object.fromEntries(rewardedCategories.map((c) => [c, ref('RewardAmounts')])) },
};

export const paths: Record<string, unknown> = {
	'/help': {
		get: {
			operationId: 'listHelpRequests',
			summary: "A buurt's open (published, untaken) requests",
			parameters: [
				{ name: 'buurtId', in: 'query', schema: { type: 'string', format: 'uuid' }, description: "Default: the actor's first buurt. Required for someone who is a member of no buurt (staff): without it the answer is 400 with `error.fields.buurtId` (help.buurt_required)" },
				{ name: 'sort', in: 'query', schema: { type: 'string', enum: ['newest', 'oldest'], default: 'newest' } },
				{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
				{ name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }
			],
			responses: {
				'200': json({ type: 'object', properties: { buurt: { type: 'object' }, sort: { type: 'string' }, page: { type: 'integer' }, pages: { type: 'integer' }, total: { type: 'integer' }, waiting: { type: 'integer' }, requests: { type: 'array', items: ref('HelpRequestSummary') } } }, 'Open requests'),
				...common4xx
			}
		},
		post: {
			operationId: 'askForHelp',
			summary: 'Ask the buurt for help (or, with onBehalf, for a neighbour without a phone)',
			parameters: [idempotencyHeader],
			requestBody: body(ref('HelpRequestInput')),
			responses: { '201': json(ref('HelpTransitionResult'), 'Asked; waits to be checked'), ...common4xx }
		}
	},
	'/help/mine': {
		get: {
			operationId: 'listMyHelpRequests',
			summary: 'What the actor asked and what they help with',
			responses: { '200': json({ type: 'object', properties: { asked: { type: 'array', items: ref('HelpRequestSummary') }, helping: { type: 'array', items: ref('HelpRequestSummary') } } }, 'Mine'), '401': errorResponse('Not logged in') }
		}
	},
	'/help/queue': {
		get: {
			operationId: 'getCheckQueue',
			summary: 'Supervisors and staff: requests to check, waiting, disputed, redirected',
			responses: { '200': json({ type: 'object', properties: { toCheck: { type: 'array', items: ref('HelpRequestSummary') }, waiting: { type: 'array', items: ref('HelpRequestSummary') }, disputed: { type: 'array', items: ref('HelpRequestSummary') }, redirected: { type: 'array', items: ref('HelpRequestSummary') }, unsupervised: { type: 'array', items: { type: 'object' } } } }, 'The queue'), '401': errorResponse('Not logged in'), '403': errorResponse('Neither supervisor nor staff') }
		}
	},
	'/help/{id}': {
		get: {
			operationId: 'getHelpRequest',
			summary: 'One request as the actor may see it, with the actions they can take',
			parameters: [idParam],
			responses: { '200': json(ref('HelpRequest'), 'The request'), '401': errorResponse('Not logged in'), '404': errorResponse('Unknown or not visible') }
		}
	},
	'/help/{id}/zorg-reads': {
		post: {
			operationId: 'readZorgDetails',
			summary: 'Staff: open a zorg request’s private text, with a reason the asker reads',
			description:
				'Only staff of the corporation whose turn it is: the buurt has no approved supervisor, or the request is disputed or redirected. The read (who, when, why) is stored, written to the audit log and shown to the asker (`zorgReads`). Scope comes first: a request the caller may not see is 404 whatever the body says; one they see but may not open is 403 (help.forbidden); only then is the reason checked (400, help.zorg_reason_required).',
			parameters: [idParam],
			requestBody: body({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 5, maxLength: 500 } } }),
			responses: { '201': json(ref('HelpRequest'), 'Read recorded; the request with its text'), ...common4xx }
		}
	},
	'/help/{id}/transitions': {
		post: {
			operationId: 'transitionHelpRequest',
			summary: 'One state change (see the state machine); confirming moves the rewards into the buurtpot in one transfer',
			parameters: [idParam, idempotencyHeader],
			requestBody: body(ref('HelpTransitionInput')),
			responses: { '200': json(ref('HelpTransitionResult'), 'The new state'), ...common4xx }
		}
	},
	'/help/{id}/messages': {
		get: {
			operationId: 'listHelpMessages',
			summary: 'The thread between asker and helper',
			description: 'For the asker (always; empty until someone takes the request), the helper, and staff while they settle a dispute; others who may see the request get 403 (help.forbidden).',
			parameters: [idParam],
			responses: { '200': json({ type: 'object', properties: { messages: { type: 'array', items: ref('HelpMessage') }, canPostMessage: { type: 'boolean' } } }, 'Messages'), ...common4xx }
		},
		post: {
			operationId: 'postHelpMessage',
			summary: '`{ body }` posts a message; `{ shareAddress: true }` shares your own address',
			parameters: [idParam, idempotencyHeader],
			requestBody: body({ type: 'object', properties: { body: { type: 'string', minLength: 1, maxLength: 2000 }, shareAddress: { type: 'boolean' }, idempotencyKey: { type: 'string' } } }),
			responses: { '201': json({ type: 'object', properties: { id: { type: 'integer' } } }, 'Posted'), ...common4xx }
		}
	},
	'/help/{id}/follow-up': {
		get: {
			operationId: 'getHelpFollowUp',
			summary: "A redirected request's follow-up by the corporation: who has it, the note for the asker, whether it is closed",
			parameters: [idParam],
			responses: { '200': json(ref('HelpFollowUp'), 'The follow-up'), ...common4xx }
		},
		post: {
			operationId: 'followUpHelpRequest',
			summary: 'Staff: assign a redirected request to a colleague, answer the asker with a note, or close it (the asker reads the note)',
			parameters: [idParam, idempotencyHeader],
			requestBody: body({
				type: 'object',
				required: ['step'],
				properties: {
					step: { type: 'string', enum: ['assign', 'answer', 'close'] },
					assigneeId: { type: 'string', format: 'uuid', description: 'For assign: a staff member of the corporation' },
					note: { type: 'string', minLength: 3, maxLength: 2000, description: 'Required for answer; for close unless there is an answer already' },
					idempotencyKey: { type: 'string' }
				}
			}),
			responses: {
				'200': json({ type: 'object', required: ['requestId', 'closed'], properties: { requestId: { type: 'string', format: 'uuid' }, assigneeId: { type: ['string', 'null'] }, note: { type: ['string', 'null'] }, closed: { type: 'boolean' } } }, 'The follow-up now'),
				...common4xx
			}
		}
	},
	'/wallet': {
		get: {
			operationId: 'getWallet',
			summary: 'What the actor earned for buurtpotten, per request and in total (attribution; never money of their own)',
			parameters: [{ name: 'before', in: 'query', schema: { type: 'integer' } }],
			responses: { '200': json(ref('Wallet'), 'The wallet'), '401': errorResponse('Not logged in') }
		}
	},
	'/wallet/naming': {
		put: {
			operationId: 'setNameInPot',
			summary: "Whether the buurtpot page shows the actor's first name next to what they earned",
			requestBody: body({ type: 'object', required: ['named'], properties: { named: { type: 'boolean' } } }),
			responses: { '200': json({ type: 'object', properties: { named: { type: 'boolean' } } }, 'Saved'), '400': errorResponse('Invalid input'), '401': errorResponse('Not logged in') }
		}
	},
	'/buurten/{id}/pot/reward-scheme': {
		get: {
			operationId: 'getRewardScheme',
			summary: 'Rewards per category and role, in cents',
			parameters: [idParam],
			responses: { '200': json({ type: 'object', properties: { rewardScheme: ref('RewardScheme') } }, 'The scheme'), '401': errorResponse('Not logged in'), '404': errorResponse('Unknown or not visible') }
		},
		put: {
			operationId: 'setRewardScheme',
			summary: 'Staff: set the rewards of one category (0 switches a role off)',
			parameters: [idParam, idempotencyHeader],
			requestBody: body({ type: 'object', required: ['category', 'askerCents', 'supervisorCents', 'helperCents'], properties: { category: { type: 'string', enum: [...rewardedCategories] }, askerCents: cents, supervisorCents: cents, helperCents: cents } }),
			responses: { '200': json({ allOf: [ref('RewardAmounts'), { type: 'object', properties: { buurtId: { type: 'string' }, category: { type: 'string' } } }] }, 'Saved'), ...common4xx }
		}
	}
};
