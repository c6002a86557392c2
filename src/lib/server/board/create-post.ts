import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { cleanPhotos, type CleanPhoto, type IncomingFile } from '../photos';
import type { Actor } from '../people';
import { MAX_PHOTOS, bodySchema, buurtIdSchema, groupIdSchema, idempotencyKeySchema, nameChoiceSchema, postKinds, type NameChoice } from './model';
import { canPost, canPostInGroup, canPostNews } from './policy';
import { boardBuurt, loadGroup, streetInBuurt } from './store';
import { allChecked } from './input-errors';
import { checkMayPost } from '../moderation';

export const createPostSchema = z.object({
	buurtId: buurtIdSchema,
	/** A post in a group instead of the buurt's feed. */
	groupId: groupIdSchema.optional(),
	kind: z.enum(postKinds, 'board.kind_required'),
	body: bodySchema,
	nameChoice: nameChoiceSchema.default('name'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * A member of the buurt posts on its board (or in a group they are a member of), with up to
 * three photos through the photo pipeline; the post and its photos are written in one
 * transaction, so a refused photo leaves nothing behind. `nameChoice` 'street' shows "een
 * buurtbewoner van de <straat>" instead of their first name.
 * Errors: board.not_found (no such buurt or group, or out of scope), board.forbidden (not a
 * member of the buurt or the group), validation.invalid (kind → board.kind_required, body →
 * board.body_required | validation.too_long, photos → photos.*), board.idempotency_mismatch.
 */
export async function createPost(ctx: Ctx, actor: Actor, input: unknown, photos: IncomingFile[] = []): Promise<{ id: string; buurtId: string; groupId: string | null }> {
	const buurtId = parseTarget(createPostSchema, 'buurtId', input);
	const b = await boardBuurt(ctx.db, actor, buurtId);
	const groupId = input && typeof input === 'object' ? (input as Record<string, unknown>).groupId : undefined;
	if (groupId !== undefined && groupId !== null && groupId !== '') {
		const id = parseTarget(createPostSchema, 'groupId', input)!;
		// The group itself is listed for everyone who sees the board, so a refusal here is a 403.
		const g = await loadGroup(ctx.db, actor, b.id, id);
		if (!canPostInGroup(actor, g)) throw new DomainError('board.forbidden');
	} else if (!canPost(actor, b)) throw new DomainError('board.forbidden');
	const [v, cleaned] = await allChecked(
		() => parseInput(createPostSchema, { ...(input as object), groupId: groupId || undefined }),
		() => cleanPhotos(photos, { max: MAX_PHOTOS })
	);
	const at = ctx.clock();
	// Kept with the post: shown after the first name (if they show it) or as "a neighbour from …".
	const street = await streetInBuurt(ctx.db, actor, b.id, at);
	return ctx.db.transaction(async (tx) => {
		// A suspended member is refused here, with the form's text kept (moderation).
		await checkMayPost(tx, actor, b.corporation_id, at);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'board.post', input: { ...v, photos: cleaned.map((p) => p.sha256) }, at }, async () => {
			const id = await insertPost(tx, { buurtId: b.id, groupId: v.groupId ?? null, kind: v.kind, authorId: actor.accountId, nameChoice: street ? v.nameChoice : 'name', street, body: v.body, at });
			await storePhotos(tx, id, cleaned);
			return { id, buurtId: b.id, groupId: v.groupId ?? null };
		});
	});
}

export const createNewsSchema = z.object({
	buurtId: buurtIdSchema,
	body: bodySchema,
	pinned: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()).default(false),
	/** The first day it is no longer shown (YYYY-MM-DD); empty: it stays. */
	expiresOn: z.iso.date('board.expires_invalid').optional(),
	idempotencyKey: idempotencyKeySchema
});

/**
 * Staff of the buurt's corporation post news on its board: pinned news comes first in the feed;
 * from `expiresOn` on the news is gone from the feed. Shown with the staff member's first name
 * and "the corporation". Errors: board.not_found, board.forbidden (not staff of the buurt's
 * corporation), validation.invalid (body, expiresOn → board.expires_invalid | board.expires_past),
 * board.idempotency_mismatch.
 */
export async function createNews(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; buurtId: string }> {
	const buurtId = parseTarget(createNewsSchema, 'buurtId', input);
	const b = await boardBuurt(ctx.db, actor, buurtId);
	if (!canPostNews(actor, b)) throw new DomainError('board.forbidden');
	const v = parseInput(createNewsSchema, input);
	const at = ctx.clock();
	if (v.expiresOn && v.expiresOn <= at.toISOString().slice(0, 10)) throw new DomainError('validation.invalid', {}, { expiresOn: 'board.expires_past' });
	return ctx.db.transaction((tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'board.news', input: v, at }, async () => {
			const id = await insertPost(tx, { buurtId: b.id, groupId: null, kind: 'news', authorId: actor.accountId, nameChoice: 'name', street: null, body: v.body, at, pinned: v.pinned, expiresOn: v.expiresOn ?? null });
			return { id, buurtId: b.id };
		})
	);
}

interface NewPost {
	buurtId: string;
	groupId: string | null;
	kind: string;
	authorId: string;
	nameChoice: NameChoice;
	street: string | null;
	body: string;
	at: Date;
	pinned?: boolean;
	expiresOn?: string | null;
}

async function insertPost(tx: Queryable, p: NewPost): Promise<string> {
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO board_posts (buurt_id, group_id, kind, author_id, name_choice, author_street, body, pinned, expires_on, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		[p.buurtId, p.groupId, p.kind, p.authorId, p.nameChoice, p.street, p.body, p.pinned ?? false, p.expiresOn ?? null, p.at]
	);
	return row.id;
}

async function storePhotos(tx: Queryable, postId: string, photos: CleanPhoto[]): Promise<void> {
	for (const [i, p] of photos.entries())
		await tx.query('INSERT INTO board_photos (post_id, position, content_type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6)', [
			postId,
			i,
			p.contentType,
			p.bytes.length,
			p.sha256,
			Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength)
		]);
}
