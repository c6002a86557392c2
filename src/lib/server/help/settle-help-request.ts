import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { runTransition, type TransitionResult } from './engine';
import { idempotencyKeySchema, reasonSchema, requestIdSchema } from './model';

export const settleHelpRequestSchema = z.object({
	requestId: requestIdSchema,
	/** confirm: it was done (rewards); reopen: open for another helper; close: ends without rewards. */
	outcome: z.enum(['confirm', 'reopen', 'close'], 'validation.choice'),
	reason: reasonSchema,
	idempotencyKey: idempotencyKeySchema
});

/**
 * Staff mediate a disputed request, with a reason both sides read.
 * Errors: validation.invalid (outcome, reason), runTransition's.
 */
export async function settleHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(settleHelpRequestSchema, input);
	const action = `settle_${v.outcome}` as const;
	return runTransition(ctx, actor, {
		action,
		requestId: v.requestId,
		reason: v.reason,
		idempotencyKey: v.idempotencyKey,
		input: v,
		changes: (r, _role, at) =>
			v.outcome === 'reopen'
				? { set: { helper_id: null, taken_at: null, done_at: null, published_at: at, waiting_since: null }, details: { helperId: r.helper_id } }
				: {}
	});
}
