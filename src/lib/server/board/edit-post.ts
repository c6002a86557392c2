import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { bodySchema, buurtIdSchema, postIdSchema, postKinds } from './model';
import { canDelete, canEdit, isAuthorOf } from './policy';
import { boardBuurt, visiblePost } from './store';
import { checkMayPost, contentDeleted, contentEdited } from '../moderation';

export const editPostSchema = z.object({
	buurtId: buurtIdSchema,
	postId: postIdSchema,
	body: bodySchema,
	/** A member's post may change its kind; news stays news. */
	kind: z.enum(postKinds, 'board.kind_required').optional()
});

/**
 * The author changes the text (and kind) of their own post; it shows "bewerkt".
 * Errors: board.not_found, board.forbidden (someone else's), validation.invalid.
 */
export async function editPost(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const buurtId = parseTarget(editPostSchema, 'buurtId', input);
	const postId = parseTarget(editPostSchema, 'postId', input);
	return ctx.db.transaction(async (tx) => {
		const b = await boardBuurt(tx, actor, buurtId);
		const { post } = await visiblePost(tx, actor, b, postId, true);
		if (!canEdit(actor, post.author_id)) throw new DomainError('board.forbidden');
		const v = parseInput(editPostSchema, input);
		const kind = post.kind === 'news' ? 'news' : (v.kind ?? post.kind);
		// A suspended member edits nothing either; an edit of reported words goes back to review (moderation's rule).
		if (post.kind !== 'news') await checkMayPost(tx, actor, b.corporation_id, ctx.clock());
		await contentEdited(tx, { kind: 'board_post', id: post.id, text: v.body, actorId: actor.accountId, at: ctx.clock() });
		await tx.query('UPDATE board_posts SET body = $2, kind = $3, edited_at = $4 WHERE id = $1', [post.id, v.body, kind, ctx.clock()]);
		return { id: post.id };
	});
}

export const deletePostSchema = z.object({ buurtId: buurtIdSchema, postId: postIdSchema });

/**
 * The author deletes their own post (with its photos and replies, gone from every page); staff
 * of the buurt's corporation delete a post that breaks the house rules, which is audited.
 * Errors: board.not_found, board.forbidden.
 */
export async function deletePost(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; deleted: true }> {
	const v = parseInput(deletePostSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const b = await boardBuurt(tx, actor, v.buurtId);
		const { post } = await visiblePost(tx, actor, b, v.postId, true);
		if (!canDelete(actor, post.author_id, b)) throw new DomainError('board.forbidden');
		// The words and photos go; the row stays (a cursor pointing at it keeps its place).
		await tx.query(`UPDATE board_posts SET body = '-', deleted_at = $2 WHERE id = $1`, [post.id, at]);
		await tx.query('DELETE FROM board_photos WHERE post_id = $1', [post.id]);
		await contentDeleted(tx, { kind: 'board_post', id: post.id, at });
		if (!isAuthorOf(actor, post.author_id))
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'board.post_deleted', subject: `board_post:${post.id}`, details: { buurtId: b.id, authorId: post.author_id, kind: post.kind }, corporationId: b.corporation_id });
		return { id: post.id, deleted: true as const };
	});
}
