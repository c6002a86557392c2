import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import { isStaffOf, type Actor } from '../people';
import { MAX_DECISION_NOTE, itemIdSchema, noteSchema, reportReasons, reviewDecisions, type ItemState, type ReviewDecision } from './model';
import { canReview, isAmbassadorOf, reviewerRole } from './policy';
import { tellAuthorDecision } from './notices';

export const reviewItemSchema = z.object({
	itemId: itemIdSchema,
	decision: z.enum(reviewDecisions, 'moderation.decision_required'),
	/** Required to hide or remove: the author reads why. */
	reason: z.preprocess((v) => (v === '' ? undefined : v), z.enum(reportReasons, 'moderation.reason_required').optional()),
	note: noteSchema(MAX_DECISION_NOTE)
});

const stateAfter: Record<ReviewDecision, ItemState> = { keep: 'visible', hide: 'hidden', remove: 'removed' };

/**
 * A reviewer — staff of the corporation, or an ambassador of the buurt for public content —
 * keeps (shown again), hides (until the author edits it, which sends it back here) or removes
 * (for good) a reported item, with a reason the author reads for hide and remove. The decision
 * starts a new round of reports. The author is told (moderation.decision); the decision is in
 * their history (with the reviewer's role, never the neighbour's name) and in the audit log.
 * Errors: moderation.not_found (not in the actor's buurt or corporation), moderation.forbidden
 * (one's own words), moderation.removed (409), validation.invalid (decision → moderation.decision_required,
 * reason → moderation.reason_required, note).
 */
export async function reviewItem(ctx: Ctx, actor: Actor, input: unknown): Promise<{ itemId: string; state: ItemState }> {
	const itemId = parseTarget(reviewItemSchema, 'itemId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [item] = await tx.query<{ id: string; state: ItemState; buurt_id: string; corporation_id: string; author_id: string; content_kind: string; content_id: string; is_public: boolean }>(
			'SELECT id, state, buurt_id, corporation_id, author_id, content_kind, content_id, is_public FROM moderation_items WHERE id = $1 FOR UPDATE',
			[itemId]
		);
		// Scope before role: outside the actor's buurt (ambassador) or corporation (staff) the item does not exist.
		if (!item || !(isStaffOf(actor, item.corporation_id) || (item.is_public && isAmbassadorOf(actor, item.buurt_id)))) throw new DomainError('moderation.not_found');
		if (!canReview(actor, item)) throw new DomainError('moderation.forbidden');
		const v = parseInput(reviewItemSchema, input);
		if (v.decision !== 'keep' && !v.reason) throw new DomainError('validation.invalid', {}, { reason: 'moderation.reason_required' });
		if (item.state === 'removed') throw new DomainError('moderation.removed');
		const state = stateAfter[v.decision];
		const reason = v.decision === 'keep' ? null : v.reason!;
		await tx.query(
			`UPDATE moderation_items SET state = $2, hidden_by = CASE WHEN $2 = 'visible' THEN NULL ELSE 'reviewer' END, needs_review = false, round = round + 1,
			   edited_after_hide = false, reason = $3, note = $4, updated_at = $5 WHERE id = $1`,
			[item.id, state, reason, v.note || null, at]
		);
		const role = reviewerRole(actor, item.corporation_id);
		await tx.query('INSERT INTO moderation_decisions (item_id, account_id, corporation_id, kind, actor_id, actor_role, reason, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
			item.id,
			item.author_id,
			item.corporation_id,
			v.decision,
			actor.accountId,
			role,
			reason,
			v.note || null,
			at
		]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: `moderation.${v.decision === 'keep' ? 'kept' : v.decision === 'hide' ? 'hidden' : 'removed'}`, subject: `moderation_item:${item.id}`, details: { kind: item.content_kind, contentId: item.content_id, role, reason }, corporationId: item.corporation_id });
		await tellAuthorDecision(tx, item, { decision: v.decision, reason, note: v.note }, at);
		return { itemId: item.id, state };
	});
}
