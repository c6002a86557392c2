import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import type { Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { proposalIdSchema, reasonSchema } from './model';
import { isStaffOf } from '../people';
import { recordAudit } from '../audit';
import { canComment } from './policy';
import { visibleProposal } from './store';
import { notifyProposal } from './notices';
import { checkMayPost, contentDeleted } from '../moderation';

/**
 * Comments on proposals. Members of the buurt (and staff of its corporation, who answer
 * questions) write; everyone who may see the proposal reads. The house rules are shown above the
 * form (messages `proposals.comments.rules`). Authors delete their own comments: the text goes,
 * the place in the thread stays ("comment removed"); comments are not edited. Staff of the
 * corporation cannot delete someone else's comment; they hide it with a reason everyone reads in
 * its place (audited). Neighbours report a comment through moderation (moderation-target.ts):
 * after enough households it is hidden for all but its author until a reviewer looks.
 */

export const MAX_COMMENT = 1000;

export const addCommentSchema = z.object({
	proposalId: proposalIdSchema,
	body: plainText({ error: 'proposals.comment_required' }).trim().min(1, 'proposals.comment_required').max(MAX_COMMENT, 'validation.too_long'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * Errors: validation.invalid (body → proposals.comment_required | validation.too_long),
 * proposals.not_found, proposals.forbidden (the tenants' association reads but does not comment
 * here), proposals.idempotency_mismatch, moderation.suspended (403: suspended from posting).
 */
/** The start of a comment for a notification: at most 80 characters, cut at a word. */
export function snippet(body: string): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	if (flat.length <= 80) return flat;
	const cut = flat.slice(0, 80);
	return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 80)}…`;
}

export async function addComment(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: number; proposalId: string }> {
	const proposalId = parseTarget(addCommentSchema, 'proposalId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		const p = await visibleProposal(tx, actor, proposalId);
		if (!canComment(actor, p)) throw new DomainError('proposals.forbidden');
		const v = parseInput(addCommentSchema, input);
		// A member suspended from posting is refused with the end date; the form keeps the text (moderation).
		await checkMayPost(tx, actor, p.corporation_id, at);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.comment', input: v, at }, async () => {
			const [row] = await tx.query<{ id: number }>('INSERT INTO buurtpot_comments (proposal_id, author_id, body, at) VALUES ($1, $2, $3, $4) RETURNING id', [p.id, actor.accountId, v.body, at]);
			// The author hears of it (not of their own comments: notifyProposal leaves the actor out).
			await notifyProposal(tx, p.id, 'proposal.comment', { at, actorId: actor.accountId, params: { snippet: snippet(v.body) } });
			return { id: Number(row.id), proposalId: p.id };
		});
	});
}

export const deleteCommentSchema = z.object({ proposalId: proposalIdSchema, commentId: z.coerce.number({ error: 'proposals.comment_not_found' }).int().positive('proposals.comment_not_found') });

/**
 * The author of a comment removes it. Errors: proposals.not_found, proposals.comment_not_found
 * (unknown, on another proposal, or removed already), proposals.forbidden (someone else's).
 */
export async function deleteComment(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: number; deleted: true }> {
	const v = parseInput(deleteCommentSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId);
		const [c] = await tx.query<{ id: number; author_id: string; deleted_at: Date | null }>(
			'SELECT id, author_id, deleted_at FROM buurtpot_comments WHERE id = $1 AND proposal_id = $2 FOR UPDATE',
			[v.commentId, p.id]
		);
		if (!c || c.deleted_at) throw new DomainError('proposals.comment_not_found');
		if (c.author_id !== actor.accountId) throw new DomainError('proposals.forbidden');
		await tx.query(`UPDATE buurtpot_comments SET body = '-', deleted_at = $2 WHERE id = $1`, [c.id, at]);
		// Reported before: its words leave moderation's item and queue too.
		await contentDeleted(tx, { kind: 'proposal_comment', id: String(c.id), at });
		return { id: Number(c.id), deleted: true as const };
	});
}

export const hideCommentSchema = z.object({
	proposalId: proposalIdSchema,
	commentId: z.coerce.number({ error: 'proposals.comment_not_found' }).int().positive('proposals.comment_not_found'),
	reason: reasonSchema
});

/**
 * Staff of the buurt's corporation hide a comment that breaks the house rules. The text is no
 * longer shown to anyone (page and API); in its place everyone, the author too, reads
 * "Verborgen door de corporatie: <reason>". The row keeps the text (nothing is destroyed) and
 * the audit log says who hid it, when and why; the author is notified with the reason. Reports by neighbours go through moderation (moderation-target.ts).
 * Errors: validation.invalid (reason → proposals.reason_required | validation.too_long),
 * proposals.not_found, proposals.forbidden (not staff of the corporation),
 * proposals.comment_not_found (unknown, other proposal, removed by its author),
 * proposals.comment_already_hidden (409).
 */
export async function hideComment(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: number; hidden: true }> {
	const proposalId = parseTarget(hideCommentSchema, 'proposalId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, proposalId);
		if (!isStaffOf(actor, p.corporation_id)) throw new DomainError('proposals.forbidden');
		const v = parseInput(hideCommentSchema, input);
		const [c] = await tx.query<{ id: number; author_id: string; deleted_at: Date | null; hidden_at: Date | null }>(
			'SELECT id, author_id, deleted_at, hidden_at FROM buurtpot_comments WHERE id = $1 AND proposal_id = $2 FOR UPDATE',
			[v.commentId, p.id]
		);
		if (!c || c.deleted_at) throw new DomainError('proposals.comment_not_found');
		if (c.hidden_at) throw new DomainError('proposals.comment_already_hidden');
		await tx.query('UPDATE buurtpot_comments SET hidden_at = $2, hidden_by = $3, hidden_reason = $4 WHERE id = $1', [c.id, at, actor.accountId, v.reason]);
		await recordAudit(tx, {
			at,
			actorId: actor.accountId,
			action: 'buurtpot.comment_hidden',
			subject: `buurtpot_comment:${c.id}`,
			details: { proposalId: p.id, authorId: c.author_id, reason: v.reason }
		});
		// The author hears it (inbox, and e-mail as they chose), with the reason.
		await notifyProposal(tx, p.id, 'proposal.comment_hidden', { at, actorId: actor.accountId, recipients: [c.author_id], params: { reason: v.reason } });
		return { id: Number(c.id), hidden: true as const };
	});
}
