/** The buurtpot rounds part of the OpenAPI document: rounds, the secret ballot, results, Pabulib. */
import { ref, errorResponse, json, body, idParam, idempotencyHeader, dateTime, nullableDateTime, uuid, common4xxWith } from '../shared/openapi';
import { roundRules, utilities } from './model';

const cents = { type: 'integer', description: 'Cents of the round currency (euro cents for real rounds)' };
const common4xx = common4xxWith({ '400': 'e.g. rounds.ballot_over_budget', '403': 'Not allowed (rounds.forbidden; rounds.voting.forbidden with details.reason not_open_yet | closed | no_household)', '409': 'e.g. rounds.already_voted_paper (your household), rounds.household_already_voted (paper entry: this household already voted, channel not said)' });
const choices = { type: 'array', items: { type: 'string' }, description: 'Project ids (projectId of the round proposals)' };

export const schemas: Record<string, unknown> = {
	RoundPhase: { type: 'string', enum: ['upcoming', 'open', 'closing', 'closed', 'cancelled', 'test'], description: 'closing: the closing time passed, the result is being computed (within minutes)' },
	RoundRule: { type: 'string', enum: [...roundRules], description: 'knapsack: ballots within the budget; approval: at most maxChoices; equal-shares: Method of Equal Shares with Add1 completion' },
	RoundSummary: {
		type: 'object',
		required: ['id', 'buurtId', 'title', 'isTest', 'phase', 'rule', 'budgetCents', 'opensAt', 'closesAt', 'hasResults'],
		properties: {
			id: uuid,
			buurtId: uuid,
			buurtName: { type: 'string' },
			title: { type: 'string' },
			isTest: { type: 'boolean', description: 'Imported from a Pabulib file to check the counting: no money, no households' },
			phase: ref('RoundPhase'),
			rule: ref('RoundRule'),
			budgetCents: cents,
			currency: { type: 'string' },
			opensAt: dateTime,
			closesAt: dateTime,
			closedAt: nullableDateTime,
			proposalCount: { type: 'integer' },
			hasResults: { type: 'boolean' }
		}
	},
	Round: {
		allOf: [
			ref('RoundSummary'),
			{
				type: 'object',
				properties: {
					maxChoices: { type: ['integer', 'null'] },
					utility: { type: ['string', 'null'], enum: [...utilities, null] },
					fill: { type: 'boolean' },
					budgetSource: { type: 'string', enum: ['balance', 'amount', 'file'] },
					sourceNote: { type: ['string', 'null'] },
					proposals: {
						type: 'array',
						description: "In the actor's own random order (the same on every request) when they can vote",
						items: { type: 'object', properties: { projectId: { type: 'string' }, proposalId: { type: ['string', 'null'], format: 'uuid' }, title: { type: 'string' }, costCents: cents } }
					},
					household: {
						type: ['object', 'null'],
						description: "The actor's own household in this buurt: whether it voted (never what, here)",
						properties: { address: { type: 'string' }, voted: { type: 'boolean' }, via: { type: ['string', 'null'], enum: ['online', 'paper', null] } }
					},
					voteBlock: { type: ['string', 'null'], enum: ['not_open_yet', 'closed', 'no_household', null] },
					turnout: {
						type: ['object', 'null'],
						description: 'Staff only: how many households voted so far (never what)',
						properties: { online: { type: 'integer' }, paper: { type: 'integer' } }
					},
					can: { type: 'object', properties: { vote: { type: 'boolean' }, enterPaper: { type: 'boolean' }, close: { type: 'boolean' }, closeEarly: { type: 'boolean' }, cancel: { type: 'boolean' }, manage: { type: 'boolean' } } }
				}
			}
		]
	},
	RoundInput: {
		type: 'object',
		required: ['buurtId', 'title', 'budgetSource', 'opensAt', 'closesAt', 'rule', 'proposalIds'],
		properties: {
			buurtId: uuid,
			title: { type: 'string', minLength: 3, maxLength: 120 },
			budgetSource: { type: 'string', enum: ['balance', 'amount'], description: "balance: what the buurtpot holds now minus what is promised; amount: budgetCents (at most that)" },
			budgetCents: { type: 'integer', minimum: 1 },
			opensAt: dateTime,
			closesAt: dateTime,
			rule: ref('RoundRule'),
			maxChoices: { type: 'integer', minimum: 1, description: 'Approval: at most K proposals per ballot; none = no limit' },
			utility: { type: 'string', enum: [...utilities], default: 'cost' },
			fill: { type: 'boolean', default: false, description: 'Equal Shares: spend what is left greedily by votes (else it stays in the buurtpot)' },
			proposalIds: { type: 'array', items: uuid, minItems: 1, description: 'Accepted proposals of the buurt' },
			idempotencyKey: { type: 'string' }
		}
	},
	MyBallot: {
		type: 'object',
		properties: {
			roundId: uuid,
			household: { type: ['string', 'null'], description: 'The address the actor votes for' },
			voted: { type: 'boolean' },
			via: { type: ['string', 'null'], enum: ['online', 'paper', null] },
			choices: { ...choices, type: ['array', 'null'], description: "The household's online ballot while the round is open; null after the close (it can no longer be linked to anyone) and for paper ballots" },
			canChange: { type: 'boolean' }
		}
	},
	RoundResults: {
		type: 'object',
		properties: {
			round: { type: 'object', properties: { closedEarlyReason: { type: ['string', 'null'], description: 'Staff closed the round before its closing time, and why' } } },
			ballots: { type: 'integer' },
			online: { type: 'integer' },
			paper: { type: 'integer' },
			imported: { type: 'integer', description: 'Test rounds: ballots from the file' },
			budgetCents: cents,
			spentCents: cents,
			leftCents: cents,
			winners: { type: 'array', items: { type: 'string' }, description: 'Project ids in the order chosen' },
			proposals: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						projectId: { type: 'string' },
						proposalId: { type: ['string', 'null'] },
						title: { type: 'string' },
						costCents: cents,
						votes: { type: 'integer' },
						won: { type: 'boolean' },
						rank: { type: ['integer', 'null'] },
						byFill: { type: 'boolean' },
						perSupporterCents: { type: ['number', 'null'], description: 'Equal Shares: what each supporting household paid from its share' }
					}
				}
			},
			explanation: {
				type: 'object',
				description: "In the actor's language",
				properties: { rule: { type: 'string' }, tieBreaking: { type: 'string' }, steps: { type: 'array', items: { type: 'string' } }, money: { type: 'string' } }
			},
			counting: { type: 'object', description: "The counting module's full result, in counting units" },
			countingUnitCents: { type: 'integer', enum: [1, 100] }
		}
	}
};

export const paths: Record<string, unknown> = {
	'/rounds': {
		get: {
			operationId: 'listRounds',
			summary: 'Buurtpot rounds the actor may see, newest first (no counts: nothing is known before the close)',
			parameters: [{ name: 'buurtId', in: 'query', schema: uuid }],
			responses: { '200': json({ type: 'object', properties: { rounds: { type: 'array', items: ref('RoundSummary') } } }, 'Rounds'), '401': errorResponse('Not logged in') }
		},
		post: {
			operationId: 'openRound',
			summary: 'Staff: open a round with accepted proposals, a budget, dates and a counting rule',
			parameters: [idempotencyHeader],
			requestBody: body(ref('RoundInput')),
			responses: { '201': json({ type: 'object', properties: { id: uuid, budgetCents: cents } }, 'Opened'), ...common4xx }
		}
	},
	'/rounds/test-imports': {
		post: {
			operationId: 'importTestRound',
			summary: 'Staff: import a Pabulib (.pb) file as a closed TEST round, counted with the chosen rule (no money moves)',
			requestBody: body({
				type: 'object',
				required: ['buurtId', 'rule', 'text'],
				properties: { buurtId: uuid, rule: ref('RoundRule'), utility: { type: 'string', enum: [...utilities] }, fill: { type: 'boolean' }, text: { type: 'string', description: 'The .pb file' }, fileName: { type: 'string' } }
			}),
			responses: { '201': json({ type: 'object', properties: { id: uuid, ballots: { type: 'integer' }, projects: { type: 'integer' } } }, 'Imported and counted'), ...common4xx }
		}
	},
	'/rounds/{id}': {
		get: {
			operationId: 'getRound',
			summary: 'One round, with the proposals in the actor\'s own random order and whether their household voted',
			parameters: [idParam],
			responses: { '200': json(ref('Round'), 'The round'), '401': errorResponse('Not logged in'), '404': errorResponse('Unknown or not visible') }
		}
	},
	'/rounds/{id}/ballot': {
		get: {
			operationId: 'getMyBallot',
			summary: "The actor's OWN household's ballot (never anyone else's)",
			parameters: [idParam],
			responses: { '200': json(ref('MyBallot'), 'The ballot'), '401': errorResponse('Not logged in'), '404': errorResponse('Unknown or not visible') }
		},
		put: {
			operationId: 'castBallot',
			summary: "Vote for the actor's household, or replace its online ballot (until the close)",
			parameters: [idParam],
			requestBody: body({ type: 'object', required: ['choices'], properties: { choices } }),
			responses: { '200': json({ type: 'object', properties: { replaced: { type: 'boolean' }, choices } }, 'Stored'), ...common4xx }
		}
	},
	'/rounds/{id}/paper-ballots': {
		post: {
			operationId: 'enterPaperBallot',
			summary: "Staff: enter a household's paper ballot (one per household; audited as a count, never the choices)",
			parameters: [idParam],
			requestBody: body({
				type: 'object',
				required: ['postcode', 'houseNumber', 'choices'],
				properties: { postcode: { type: 'string', examples: ['9999 AA'] }, houseNumber: { type: 'integer' }, addition: { type: 'string' }, choices }
			}),
			responses: { '201': json({ type: 'object', properties: { enteredByYou: { type: 'integer' } } }, 'Entered'), ...common4xx }
		}
	},
	'/rounds/{id}/close': {
		post: {
			operationId: 'closeRound',
			summary: 'Staff: close a round after its closing time (the close job does it within minutes): counts once and publishes',
			parameters: [idParam],
			responses: { '200': json({ type: 'object', properties: { id: uuid, alreadyClosed: { type: 'boolean' }, winners: { type: 'integer' } } }, 'Closed'), ...common4xx }
		}
	},
	'/rounds/{id}/close-early': {
		post: {
			operationId: 'closeRoundEarly',
			summary: 'Staff: close an open round before its closing time, with a reason the results show; counts once, now (409 rounds.not_open when it is not open)',
			parameters: [idParam],
			requestBody: body({ type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 3, maxLength: 2000 } } }),
			responses: { '200': json({ type: 'object', properties: { id: uuid, alreadyClosed: { type: 'boolean' }, winners: { type: 'integer' } } }, 'Closed'), ...common4xx }
		}
	},
	'/rounds/{id}/cancel': {
		post: {
			operationId: 'cancelRound',
			summary: 'Staff: cancel a round nobody has voted in yet; its proposals can go on a later ballot',
			parameters: [idParam],
			responses: { '200': json({ type: 'object', properties: { id: uuid } }, 'Cancelled'), ...common4xx }
		}
	},
	'/rounds/{id}/results': {
		get: {
			operationId: 'getRoundResults',
			summary: 'The published results of a closed (or test) round, explained; 404 rounds.results_not_found before the close',
			parameters: [idParam],
			responses: { '200': json(ref('RoundResults'), 'Results'), '401': errorResponse('Not logged in'), '404': errorResponse('Unknown, or no results yet (the round has not closed)') }
		}
	},
	'/rounds/{id}/export': {
		get: {
			operationId: 'exportRoundPabulib',
			summary: 'A closed round as a Pabulib .pb file: ballots anonymised (voter ids 1…n in random order, no units)',
			parameters: [idParam],
			responses: {
				'200': { description: 'The .pb file', content: { 'text/plain': { schema: { type: 'string' } } } },
				'401': errorResponse('Not logged in'),
				'404': errorResponse('Unknown, or no results yet (the round has not closed)')
			}
		}
	}
};
