import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { runTransition, type TransitionResult } from './engine';
import { requestTextFields } from './ask-help-request';
import { textChanges } from './check-help-request';
import { idempotencyKeySchema, reasonSchema, requestIdSchema } from './model';

/** What the asker (or whoever asked on their behalf) does with their own request. */

const optionalNote = plainText().trim().max(1000, 'validation.too_long').optional();

export const resubmitHelpRequestSchema = z
	.object({
		requestId: requestIdSchema,
		/** The answer to the supervisor's question. */
		reason: plainText({ error: 'help.answer_required' }).trim().min(1, 'help.answer_required').max(1000, 'validation.too_long'),
		category: requestTextFields.category.optional(),
		zorgLabel: requestTextFields.zorgLabel,
		title: requestTextFields.title.optional(),
		description: requestTextFields.description.optional(),
		idempotencyKey: idempotencyKeySchema
	})
	.superRefine((v, ctx) => {
		if (v.category === 'zorg' && !v.zorgLabel) ctx.addIssue({ code: 'custom', path: ['zorgLabel'], message: 'help.zorg_label_required' });
	});

/**
 * Answers a returned request's question, optionally changing the text, and sends it back to be
 * checked. Errors: validation.invalid (reason → help.answer_required), runTransition's.
 */
export async function resubmitHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(resubmitHelpRequestSchema, input);
	return runTransition(ctx, actor, {
		action: 'resubmit',
		requestId: v.requestId,
		reason: v.reason,
		idempotencyKey: v.idempotencyKey,
		input: v,
		changes: (r) => textChanges(r, v)
	});
}

export const cancelHelpRequestSchema = z.object({ requestId: requestIdSchema, reason: optionalNote, idempotencyKey: idempotencyKeySchema });

/** Withdraws the request, as long as nobody has taken it. Errors: runTransition's. */
export async function cancelHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(cancelHelpRequestSchema, input);
	return runTransition(ctx, actor, { action: 'cancel', requestId: v.requestId, reason: v.reason ?? null, idempotencyKey: v.idempotencyKey, input: v });
}

export const confirmHelpRequestSchema = z.object({ requestId: requestIdSchema, reason: optionalNote, idempotencyKey: idempotencyKeySchema });

/**
 * The asker confirms the help was given: the request is done, and in one transaction the
 * rewards for asker, supervisor and helper go from the corporation's funding account into the
 * buurtpot (or wait as pending when it cannot pay). Confirming twice: help.already_confirmed.
 * Errors: runTransition's.
 */
export async function confirmHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(confirmHelpRequestSchema, input);
	return runTransition(ctx, actor, { action: 'confirm', requestId: v.requestId, reason: v.reason ?? null, idempotencyKey: v.idempotencyKey, input: v });
}

export const disputeHelpRequestSchema = z.object({ requestId: requestIdSchema, reason: reasonSchema, idempotencyKey: idempotencyKeySchema });

/** The asker says it was not done (right); staff mediate. Errors: validation.invalid (reason), runTransition's. */
export async function disputeHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(disputeHelpRequestSchema, input);
	return runTransition(ctx, actor, { action: 'dispute', requestId: v.requestId, reason: v.reason, idempotencyKey: v.idempotencyKey, input: v });
}

