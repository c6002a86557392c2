/** The pot part of the OpenAPI document: /buurten/{id}/pot, its top-ups and reversals. */
import { ref, errorResponse, json, body, idParam, nullableString } from '../shared/openapi';
import { MAX_TOP_UP_CENTS } from './top-up';

const keyPattern = '^[A-Za-z0-9._:-]{8,100}$';
/** Money moves once per key: the transfer is named after it, so a retry can never pay twice. */
const requiredKeyHeader = {
	name: 'Idempotency-Key',
	in: 'header',
	required: true,
	description:
		'Required (or `idempotencyKey` in the body). The transfer is named after this key, so a retry — also days later — returns the first result and never moves money twice; the same key with other content is a 409 (pot.idempotency_mismatch). Without it: 400 validation.invalid with error.fields.idempotencyKey. 8–100 characters: letters, digits, . _ : -',
	schema: { type: 'string', pattern: keyPattern }
};
const cents = { type: 'integer', description: 'Euro cents' };
const account = { type: 'string', enum: ['funding', 'buurtpot'] };

export const schemas: Record<string, unknown> = {
	PotMovement: {
		type: 'object',
		required: ['transferId', 'at', 'kind', 'fundingCents', 'buurtpotCents', 'reversible'],
		properties: {
			transferId: { type: 'string' },
			at: { type: 'string', format: 'date-time' },
			kind: { type: 'string', enum: ['top_up', 'payout', 'reward', 'reversal', 'other'] },
			code: { type: 'string', description: 'The ledger code, e.g. ledger.top_up, buurtpot.payout, help.reward, ledger.reversal' },
			fundingCents: { ...cents, description: 'What it did to the funding account (signed)' },
			buurtpotCents: { ...cents, description: 'What it did to the buurtpot (signed)' },
			note: nullableString,
			reason: { ...nullableString, description: 'For a reversal: why it was reversed (everyone in the buurt reads it)' },
			reversesId: { ...nullableString, description: 'For a reversal: the movement it undid' },
			reversedById: { ...nullableString, description: 'The reversal that undid this movement, if any' },
			reversible: { type: 'boolean', description: 'Whether the actor may reverse it (staff; a top-up or payout not reversed yet)' },
			category: nullableString,
			zorgLabel: nullableString,
			legs: { type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, cents, name: nullableString, isYou: { type: 'boolean' } } } }
		}
	},
	Buurtpot: {
		type: 'object',
		properties: {
			buurt: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } },
			fundingCents: cents,
			buurtpotCents: cents,
			pending: { type: 'object', properties: { count: { type: 'integer' }, cents } },
			earners: { type: 'array', description: 'Only people who opted in to be named', items: { type: 'object', properties: { name: { type: 'string' }, cents, isYou: { type: 'boolean' } } } },
			others: { type: 'object', properties: { count: { type: 'integer' }, cents } },
			youCents: cents,
			rewardScheme: ref('RewardScheme'),
			movements: { type: 'array', description: 'Newest first, 50 per page; read in one snapshot with the balances', items: ref('PotMovement') },
			nextBefore: { type: ['integer', 'null'] }
		}
	},
	TopUpInput: {
		type: 'object',
		required: ['account', 'amountCents', 'note'],
		properties: {
			account,
			amountCents: { type: 'integer', minimum: 1, maximum: MAX_TOP_UP_CENTS },
			note: { type: 'string', minLength: 3, maxLength: 500 },
			idempotencyKey: { type: 'string', pattern: keyPattern, description: 'Instead of the Idempotency-Key header' }
		}
	},
	TopUpResult: {
		type: 'object',
		properties: {
			transferId: { type: 'string' },
			account,
			amountCents: cents,
			balanceCents: cents,
			paidRewards: { type: 'integer', description: 'Pending rewards this top-up paid, oldest first' },
			stillPending: { type: 'integer' }
		}
	},
	PotReversalInput: {
		type: 'object',
		required: ['transferId', 'reason'],
		properties: {
			transferId: { type: 'string', description: 'A top-up or payout of this buurt (transferId of a movement)' },
			reason: { type: 'string', minLength: 3, maxLength: 500, description: 'Everyone in the buurt reads this next to the reversal' },
			idempotencyKey: { type: 'string', pattern: keyPattern, description: 'Instead of the Idempotency-Key header' }
		}
	},
	PotReversalResult: {
		type: 'object',
		required: ['reversalId', 'transferId', 'kind', 'amountCents', 'reason', 'fundingCents', 'buurtpotCents'],
		properties: {
			reversalId: { type: 'string', description: 'The reversal’s own transfer' },
			transferId: { type: 'string', description: 'The transfer it undid' },
			kind: { type: 'string', enum: ['top_up', 'payout'] },
			amountCents: { ...cents, minimum: 1 },
			reason: { type: 'string' },
			fundingCents: { ...cents, description: 'Balance of the funding account after the reversal' },
			buurtpotCents: { ...cents, description: 'Balance of the buurtpot after the reversal' }
		}
	}
};

export const paths: Record<string, unknown> = {
	'/buurten/{id}/pot': {
		get: {
			operationId: 'getBuurtpot',
			summary: "The buurt's funding account and buurtpot: balances, pending rewards, movements, who earned what (named only with consent)",
			parameters: [idParam, { name: 'before', in: 'query', schema: { type: 'integer' } }],
			responses: { '200': json(ref('Buurtpot'), 'The buurtpot'), '401': errorResponse('Not logged in'), '404': errorResponse('Unknown or not visible') }
		}
	},
	'/buurten/{id}/pot/top-ups': {
		post: {
			operationId: 'topUpBuurt',
			summary: "Staff: put money into the buurt's funding account (pending rewards are then paid, oldest first) or straight into the buurtpot",
			parameters: [idParam, requiredKeyHeader],
			requestBody: body(ref('TopUpInput')),
			responses: {
				'201': json(ref('TopUpResult'), 'Topped up (or, for a retry with the same key, the first top-up)'),
				'400': errorResponse('Invalid input, or no idempotency key (field messages in error.fields)'),
				'401': errorResponse('Not logged in'),
				'403': errorResponse('Not staff of the buurt’s corporation (pot.forbidden)'),
				'404': errorResponse('Unknown buurt, or not visible'),
				'409': errorResponse('The key was used before with other content (pot.idempotency_mismatch)')
			}
		}
	},
	'/buurten/{id}/pot/reversals': {
		post: {
			operationId: 'reversePotTransfer',
			summary: 'Staff: reverse a top-up or payout of this buurt that was booked wrongly, with a reason the buurt reads',
			description:
				'Posts the mirror image of the transfer in the ledger; the movements list then shows the reversal with its reason and marks the original as reversed. A reversed payout gives the proposal its money back (what it was paid goes down). Rewards are reversed through their help request, not here.',
			parameters: [idParam, requiredKeyHeader],
			requestBody: body(ref('PotReversalInput')),
			responses: {
				'201': json(ref('PotReversalResult'), 'Reversed (or, for a retry with the same key, the first reversal)'),
				'400': errorResponse(
					'Invalid input (reason → pot.reason_required; idempotencyKey → pot.idempotency_key_required); not reversible here: a reward or another kind (pot.not_reversible), or a reversal itself (pot.reversal_not_reversible); or the reversal would take the pot or the funding account below zero (pot.reversal_insufficient: the message says how much is in it)'
				),
				'401': errorResponse('Not logged in'),
				'403': errorResponse('Not staff of the buurt’s corporation (pot.forbidden)'),
				'404': errorResponse('Unknown buurt (pot.not_found), or no such top-up or payout in this buurt (pot.transfer_not_found)'),
				'409': errorResponse('Reversed already (pot.already_reversed), or the key was used before with other content (pot.idempotency_mismatch)')
			}
		}
	}
};
