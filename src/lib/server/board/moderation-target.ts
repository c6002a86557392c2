import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { moderationColumn, shownModeration, type ModerationTarget, type RawModeration } from '../moderation';
import { buurtIdSchema, postIdSchema } from './model';
import { boardBuurt, visiblePost } from './store';

export const boardTargetSchema = z.object({
	kind: z.enum(['board_post', 'board_reply'], 'board.not_found'),
	buurtId: buurtIdSchema,
	id: z.uuid('board.not_found')
});

/**
 * A post or reply of the board as moderation sees it, for someone who may read it (board's own
 * scope: board.not_found otherwise, e.g. another buurt or a by-request group one is not in).
 * News is the corporation's own and is not reported. Hidden or removed words are not shown
 * here either (only their author reads them), so the report form never leaks them.
 */
async function stillShown(q: Queryable, actor: Actor, kind: 'board_post' | 'board_reply', id: string, authorId: string): Promise<void> {
	const table = kind === 'board_post' ? 'board_posts' : 'board_replies';
	const [row] = await q.query<{ moderation: RawModeration | null }>(`SELECT ${moderationColumn(kind, 'c.id')} FROM ${table} c WHERE c.id = $1`, [id]);
	if (!shownModeration(actor, authorId, row?.moderation).showText) throw new DomainError('board.not_found');
}

export async function boardModerationTarget(q: Queryable, actor: Actor, input: unknown): Promise<ModerationTarget> {
	const v = parseInput(boardTargetSchema, input);
	const b = await boardBuurt(q, actor, v.buurtId);
	if (v.kind === 'board_post') {
		const { post } = await visiblePost(q, actor, b, postIdSchema.parse(v.id));
		if (post.kind === 'news') throw new DomainError('board.not_found');
		await stillShown(q, actor, 'board_post', post.id, post.author_id);
		return { kind: 'board_post', id: post.id, buurtId: b.id, corporationId: b.corporation_id, authorId: post.author_id, text: post.body, path: `/buurten/${b.id}/board/${post.id}`, isPublic: true };
	}
	const [reply] = await q.query<{ id: string; post_id: string; author_id: string; body: string }>('SELECT id, post_id, author_id, body FROM board_replies WHERE id = $1 AND deleted_at IS NULL', [v.id]);
	if (!reply) throw new DomainError('board.not_found');
	await visiblePost(q, actor, b, reply.post_id);
	await stillShown(q, actor, 'board_reply', reply.id, reply.author_id);
	return { kind: 'board_reply', id: reply.id, buurtId: b.id, corporationId: b.corporation_id, authorId: reply.author_id, text: reply.body, path: `/buurten/${b.id}/board/${reply.post_id}#reply-${reply.id}`, isPublic: true };
}
