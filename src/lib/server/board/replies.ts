import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { recordAudit } from '../audit';
import { firstName, type Actor } from '../people';
import { notify } from '../notifications';
import { bodySchema, buurtIdSchema, idempotencyKeySchema, nameChoiceSchema, postIdSchema } from './model';
import { canDelete, canEdit, canPostInGroup, canReply, isAuthorOf } from './policy';
import { boardBuurt, streetInBuurt, visiblePost } from './store';
import { checkMayPost, contentDeleted, contentEdited } from '../moderation';

export const addReplySchema = z.object({
	buurtId: buurtIdSchema,
	postId: postIdSchema,
	body: bodySchema,
	nameChoice: nameChoiceSchema.default('name'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * A member of the buurt (or staff of its corporation) replies under a post they can see; in a
 * group only its members reply. The post's author is told (`board.reply`, as they chose on the
 * settings page), never about their own reply. Errors: board.not_found, board.forbidden,
 * validation.invalid (body → board.body_required | validation.too_long), board.idempotency_mismatch.
 */
export async function addReply(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; postId: string }> {
	const buurtId = parseTarget(addReplySchema, 'buurtId', input);
	const postId = parseTarget(addReplySchema, 'postId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const b = await boardBuurt(tx, actor, buurtId);
		const { post, group } = await visiblePost(tx, actor, b, postId);
		if (!canReply(actor, b) || (group && !canPostInGroup(actor, group))) throw new DomainError('board.forbidden');
		const v = parseInput(addReplySchema, input);
		await checkMayPost(tx, actor, b.corporation_id, at);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'board.reply', input: v, at }, async () => {
			const street = await streetInBuurt(tx, actor, b.id, at);
			const [row] = await tx.query<{ id: string }>(
				'INSERT INTO board_replies (post_id, author_id, name_choice, author_street, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
				[post.id, actor.accountId, street ? v.nameChoice : 'name', street, v.body, at]
			);
			if (!isAuthorOf(actor, post.author_id)) {
				// The title is the start of the author's own post; "who" is shown as the replier chose.
				const who = street && v.nameChoice === 'street' ? '' : firstName(actor.name);
				await notify(tx, { recipients: [post.author_id], type: 'board.reply', subject: { kind: 'board_post', id: post.id }, params: { buurtId: b.id, buurt: b.name, title: excerpt(post.body), who }, at });
			}
			return { id: row.id, postId: post.id };
		});
	});
}

const excerpt = (body: string) => (body.length > 60 ? `${body.slice(0, 57).trimEnd()}…` : body);

export const replyTargetSchema = z.object({ buurtId: buurtIdSchema, postId: postIdSchema, replyId: z.uuid('board.not_found') });
export const editReplySchema = replyTargetSchema.extend({ body: bodySchema });

async function lockedReply(tx: Queryable, actor: Actor, v: z.infer<typeof replyTargetSchema>) {
	const b = await boardBuurt(tx, actor, v.buurtId);
	const { post } = await visiblePost(tx, actor, b, v.postId);
	const [reply] = await tx.query<{ id: string; author_id: string }>('SELECT id, author_id FROM board_replies WHERE id = $1 AND post_id = $2 AND deleted_at IS NULL FOR UPDATE', [v.replyId, post.id]);
	if (!reply) throw new DomainError('board.not_found');
	return { b, post, reply };
}

/** The author changes their own reply. Errors: board.not_found, board.forbidden, validation.invalid. */
export async function editReply(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const target = parseInput(replyTargetSchema, { ...(input as object) });
	return ctx.db.transaction(async (tx) => {
		const { b, reply } = await lockedReply(tx, actor, target);
		if (!canEdit(actor, reply.author_id)) throw new DomainError('board.forbidden');
		const v = parseInput(editReplySchema, input);
		// A suspended member edits nothing either; an edit of reported words goes back to review (moderation's rule).
		await checkMayPost(tx, actor, b.corporation_id, ctx.clock());
		await contentEdited(tx, { kind: 'board_reply', id: reply.id, text: v.body, actorId: actor.accountId, at: ctx.clock() });
		await tx.query('UPDATE board_replies SET body = $2, edited_at = $3 WHERE id = $1', [reply.id, v.body, ctx.clock()]);
		return { id: reply.id };
	});
}

/**
 * The author deletes their own reply; staff of the corporation delete one that breaks the house
 * rules (audited). Errors: board.not_found, board.forbidden.
 */
export async function deleteReply(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; deleted: true }> {
	const v = parseInput(replyTargetSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const { b, post, reply } = await lockedReply(tx, actor, v);
		if (!canDelete(actor, reply.author_id, b)) throw new DomainError('board.forbidden');
		await tx.query(`UPDATE board_replies SET body = '-', deleted_at = $2 WHERE id = $1`, [reply.id, at]);
		await contentDeleted(tx, { kind: 'board_reply', id: reply.id, at });
		if (!isAuthorOf(actor, reply.author_id))
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'board.reply_deleted', subject: `board_reply:${reply.id}`, details: { buurtId: b.id, postId: post.id, authorId: reply.author_id }, corporationId: b.corporation_id });
		return { id: reply.id, deleted: true as const };
	});
}
