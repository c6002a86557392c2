import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { runTransition, type TransitionResult } from './engine';
import { requestTextFields } from './ask-help-request';
import { idempotencyKeySchema, reasonSchema, redirectKinds, requestIdSchema, type HelpRequestRow } from './model';

/**
 * The supervisor's check. Each decision carries a reason the asker reads. Nobody checks their
 * own request (help.own_request); staff check when the buurt has no supervisor, and may always.
 */

export const publishHelpRequestSchema = z
	.object({
		requestId: requestIdSchema,
		reason: reasonSchema,
		// Optional rephrasing and re-categorising; the asker's own text stays in the history.
		category: requestTextFields.category.optional(),
		zorgLabel: requestTextFields.zorgLabel,
		title: requestTextFields.title.optional(),
		description: requestTextFields.description.optional(),
		idempotencyKey: idempotencyKeySchema
	})
	.superRefine((v, ctx) => {
		if (v.category === 'overige') ctx.addIssue({ code: 'custom', path: ['category'], message: 'help.overige_must_redirect' });
		if (v.category === 'zorg' && !v.zorgLabel) ctx.addIssue({ code: 'custom', path: ['zorgLabel'], message: 'help.zorg_label_required' });
	});

/** The text columns a rephrase changes, and the history's before/after. */
export function textChanges(r: HelpRequestRow, v: { category?: string; zorgLabel?: string; title?: string; description?: string }) {
	const next = {
		category: v.category ?? r.category,
		zorg_label: (v.category ?? r.category) === 'zorg' ? (v.zorgLabel ?? r.zorg_label) : null,
		title: v.title ?? r.title,
		description: v.description ?? r.description
	};
	const before = { category: r.category, zorg_label: r.zorg_label, title: r.title, description: r.description };
	const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
	if (!changed.length) return { set: {}, details: {} };
	const set = Object.fromEntries(changed.map((k) => [k, next[k]]));
	return { set, details: { changed, before, after: next } };
}

/**
 * Publishes a request to the buurt, optionally rephrased or re-categorised.
 * Errors: validation.invalid (reason → help.reason_required; category → help.overige_must_redirect),
 * help.overige_must_redirect ('overige' always goes to the corporation), and runTransition's.
 */
export async function publishHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(publishHelpRequestSchema, input);
	return runTransition(ctx, actor, {
		action: 'publish',
		requestId: v.requestId,
		reason: v.reason,
		idempotencyKey: v.idempotencyKey,
		input: v,
		check: (r) => {
			if ((v.category ?? r.category) === 'overige') throw new DomainError('help.overige_must_redirect', {}, { category: 'help.overige_must_redirect' });
		},
		changes: (r, role, at) => {
			const text = textChanges(r, v);
			return { set: { ...text.set, checker_id: actor.accountId, checked_as: role === 'supervisor' ? 'supervisor' : 'staff', published_at: at }, details: text.details };
		}
	});
}

export const checkDecisionSchema = z.object({ requestId: requestIdSchema, reason: reasonSchema, idempotencyKey: idempotencyKeySchema });

/** Sends a request back to the asker with a question (the reason). Errors: as runTransition. */
export async function returnHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(checkDecisionSchema, input);
	return runTransition(ctx, actor, { action: 'return', requestId: v.requestId, reason: v.reason, idempotencyKey: v.idempotencyKey, input: v });
}

export const redirectHelpRequestSchema = checkDecisionSchema.extend({
	/** landlord_duty: the corporation's own repair duty; emergency: the asker is told to call 112. */
	redirectKind: z.enum(redirectKinds, 'validation.choice').optional()
});

/**
 * Redirects a request to the corporation: it becomes a report for staff. 'overige' always goes
 * here; so does the landlord's own repair duty; an emergency shows the asker a 112 notice.
 * Errors: as runTransition.
 */
export async function redirectHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(redirectHelpRequestSchema, input);
	return runTransition(ctx, actor, {
		action: 'redirect',
		requestId: v.requestId,
		reason: v.reason,
		idempotencyKey: v.idempotencyKey,
		input: v,
		changes: (r) => {
			const kind = v.redirectKind ?? (r.category === 'overige' ? 'overige' : 'other');
			return { set: { redirect_kind: kind }, details: { redirectKind: kind } };
		}
	});
}

/** Rejects a request (it does not belong on Noaber), with a reason. Errors: as runTransition. */
export async function rejectHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(checkDecisionSchema, input);
	return runTransition(ctx, actor, { action: 'reject', requestId: v.requestId, reason: v.reason, idempotencyKey: v.idempotencyKey, input: v });
}
