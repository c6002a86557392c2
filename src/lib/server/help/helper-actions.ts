import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { runTransition, type TransitionResult } from './engine';
import { idempotencyKeySchema, requestIdSchema } from './model';

/** What the superheld does: take a request, give it back, mark it done. */

export const takeHelpRequestSchema = z.object({ requestId: requestIdSchema, idempotencyKey: idempotencyKeySchema });

/**
 * Takes a published request: exactly one helper. The row lock makes two neighbours taking it at
 * the same moment safe: one wins, the other gets help.already_taken (409). Nobody takes their
 * own request (help.own_request) or one they checked themselves (help.own_check).
 * Errors: runTransition's.
 */
export async function takeHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(takeHelpRequestSchema, input);
	return runTransition(ctx, actor, {
		action: 'take',
		requestId: v.requestId,
		idempotencyKey: v.idempotencyKey,
		input: v,
		changes: (_r, _role, at) => ({ set: { helper_id: actor.accountId, taken_at: at, waiting_since: null } })
	});
}

export const releaseHelpRequestSchema = z.object({
	requestId: requestIdSchema,
	reason: plainText().trim().max(1000, 'validation.too_long').optional(),
	idempotencyKey: idempotencyKeySchema
});

/** The helper cannot do it after all (or staff free it): the request is open again. Errors: runTransition's. */
export async function releaseHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(releaseHelpRequestSchema, input);
	return runTransition(ctx, actor, {
		action: 'release',
		requestId: v.requestId,
		reason: v.reason ?? null,
		idempotencyKey: v.idempotencyKey,
		input: v,
		changes: (r) => ({ set: { helper_id: null, taken_at: null }, details: { helperId: r.helper_id } })
	});
}

export const markHelpRequestDoneSchema = z.object({
	requestId: requestIdSchema,
	reason: plainText().trim().max(1000, 'validation.too_long').optional(),
	idempotencyKey: idempotencyKeySchema
});

/** The helper says it is done; the asker confirms (or it is confirmed after N days). Errors: runTransition's. */
export async function markHelpRequestDone(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(markHelpRequestDoneSchema, input);
	return runTransition(ctx, actor, {
		action: 'mark_done',
		requestId: v.requestId,
		reason: v.reason ?? null,
		idempotencyKey: v.idempotencyKey,
		input: v,
		changes: (_r, _role, at) => ({ set: { done_at: at } })
	});
}
