import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import type { NotificationType, SubjectKind } from './notify';

export interface InboxItem {
	id: string;
	type: NotificationType;
	subject_kind: SubjectKind;
	subject_id: string;
	params: Record<string, string | number>;
	created_at: Date;
	read_at: Date | null;
}

export const listInboxSchema = z.object({
	limit: z.coerce.number().int().min(1).max(100).default(30),
	/** Cursor: the id of the last item of the previous page. */
	before: z.uuid().optional()
});

/**
 * The actor's inbox, newest first, one page at a time. `nextBefore` is the cursor for the next
 * page (null on the last page). An unknown or someone else's cursor gives the first page.
 * Errors: validation.invalid.
 */
export async function listInbox(
	ctx: Pick<Ctx, 'db'>,
	actor: Actor,
	input: { limit?: unknown; before?: unknown } = {}
): Promise<{ items: InboxItem[]; nextBefore: string | null }> {
	const v = parseInput(listInboxSchema, { limit: input.limit ?? undefined, before: input.before || undefined });
	const rows = await ctx.db.query<InboxItem>(
		`SELECT i.id, i.type, i.subject_kind, i.subject_id, i.params, i.created_at, i.read_at
		 FROM notification_items i
		 LEFT JOIN notification_items c ON c.id = $2 AND c.account_id = $1
		 WHERE i.account_id = $1 AND (c.id IS NULL OR (i.created_at, i.id) < (c.created_at, c.id))
		 ORDER BY i.created_at DESC, i.id DESC
		 LIMIT $3`,
		[actor.accountId, v.before ?? null, v.limit + 1]
	);
	const more = rows.length > v.limit;
	const items = rows.slice(0, v.limit).map((r) => ({ ...r, created_at: new Date(r.created_at), read_at: r.read_at ? new Date(r.read_at) : null }));
	return { items, nextBefore: more ? items[items.length - 1].id : null };
}

export const markReadSchema = z
	.object({
		ids: z.array(z.uuid('notifications.unknown_item')).max(500).optional(),
		all: z.boolean().optional()
	})
	.refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, { message: 'notifications.nothing_to_mark', path: ['ids'] });

/**
 * Marks the actor's own items read: the given ids, or all. Ids of other people's items are
 * ignored (never an error that would reveal they exist). Returns how many changed.
 * Errors: validation.invalid (fields: ids).
 */
export async function markRead(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor, input: unknown): Promise<{ marked: number }> {
	const v = parseInput(markReadSchema, input);
	const rows = await ctx.db.query<{ id: string }>(
		`UPDATE notification_items SET read_at = $2
		 WHERE account_id = $1 AND read_at IS NULL AND ($3::boolean OR id = ANY($4::uuid[]))
		 RETURNING id`,
		[actor.accountId, ctx.clock(), v.all === true, v.ids ?? []]
	);
	return { marked: rows.length };
}

/** Unread items of one person, for the menu: one indexed count (partial index on unread). */
export async function unreadCount(db: Queryable, actorId: string): Promise<number> {
	const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notification_items WHERE account_id = $1 AND read_at IS NULL', [actorId]);
	return row?.n ?? 0;
}

/**
 * Opening what an item is about marks the person's items about it read: the supervisor who
 * opens (and checks) the request, the asker who reads the helper's answer. Only the actor's
 * own items; returns how many changed.
 */
export async function markSubjectRead(
	ctx: Pick<Ctx, 'db' | 'clock'>,
	actor: Actor,
	subject: { kind: InboxItem['subject_kind']; id: string }
): Promise<{ marked: number }> {
	const rows = await ctx.db.query<{ id: string }>(
		`UPDATE notification_items SET read_at = $2
		 WHERE account_id = $1 AND read_at IS NULL AND subject_kind = $3 AND subject_id = $4
		 RETURNING id`,
		[actor.accountId, ctx.clock(), subject.kind, subject.id]
	);
	return { marked: rows.length };
}

/**
 * Takes back what some people were told about a subject they may no longer open (a work order
 * taken away from a supplier): their items and the e-mails not yet sent go, so no inbox keeps a
 * link to a page that now answers 404. In the caller's transaction.
 */
export async function withdrawNotifications(tx: Queryable, subject: { kind: SubjectKind; id: string }, accountIds: readonly string[]): Promise<number> {
	if (!accountIds.length) return 0;
	const items = await tx.query<{ id: string }>('SELECT id FROM notification_items WHERE subject_kind = $1 AND subject_id = $2 AND account_id = ANY($3::uuid[])', [subject.kind, subject.id, accountIds]);
	if (!items.length) return 0;
	const ids = items.map((i) => i.id);
	await tx.query('DELETE FROM notification_deliveries WHERE item_id = ANY($1::uuid[])', [ids]);
	await tx.query('DELETE FROM notification_items WHERE id = ANY($1::uuid[])', [ids]);
	return ids.length;
}

/**
 * Forgets everything anyone was told about subjects that no longer exist (a concern deleted by
 * its retention): the items and the e-mails not yet sent. In the caller's transaction.
 */
export async function forgetNotifications(tx: Queryable, kind: SubjectKind, ids: readonly string[]): Promise<number> {
	if (!ids.length) return 0;
	const items = await tx.query<{ id: string }>('SELECT id FROM notification_items WHERE subject_kind = $1 AND subject_id = ANY($2::text[])', [kind, ids]);
	if (!items.length) return 0;
	const itemIds = items.map((i) => i.id);
	await tx.query('DELETE FROM notification_deliveries WHERE item_id = ANY($1::uuid[])', [itemIds]);
	await tx.query('DELETE FROM notification_items WHERE id = ANY($1::uuid[])', [itemIds]);
	return itemIds.length;
}
