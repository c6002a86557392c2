import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { contentKinds, visibleModeration, type ContentKind, type ItemState, type ReportReason, type ShownModeration } from './model';
import { tellReviewers } from './notices';

/**
 * The seams the content modules (board, proposals, help) call, so that moderation's state shows
 * wherever the content is read and changes when the content does:
 * - `moderationColumn` — a column for the content module's own SELECT (one correlated subquery
 *   on the unique (content_kind, content_id), so a feed page stays one statement);
 * - `shownModeration` — what this reader sees of it (the author reads hidden words with the reason);
 * - `contentEdited` / `contentDeleted` — inside the content module's transaction.
 */

/** A SELECT column `alias` holding the item's state as JSON, or NULL while it is visible. `idExpr` is the content's id column. */
export function moderationColumn(kind: ContentKind, idExpr: string, alias = 'moderation'): string {
	if (!contentKinds.includes(kind) || !/^[a-z_][a-z0-9_.]*$/i.test(idExpr) || !/^[a-z_]+$/.test(alias)) throw new Error(`moderationColumn: bad argument ${kind} ${idExpr} ${alias}`);
	return `(SELECT json_build_object('state', mi.state, 'hiddenBy', mi.hidden_by, 'reason', mi.reason, 'note', mi.note, 'needsReview', mi.needs_review)
		FROM moderation_items mi WHERE mi.content_kind = '${kind}' AND mi.content_id = ${idExpr}::text AND mi.state <> 'visible') AS ${alias}`;
}

export interface RawModeration {
	state: ItemState;
	hiddenBy: 'reports' | 'reviewer' | null;
	reason: string | null;
	note: string | null;
	needsReview: boolean;
}

/**
 * What this reader sees: visible content as it is; hidden or removed content only its author
 * reads (with the reviewer's reason), everyone else reads a neutral placeholder — reviewers
 * too: they read it on the review page.
 */
export function shownModeration(actor: Actor | null, authorId: string, raw: RawModeration | null | undefined): ShownModeration {
	if (!raw || raw.state === 'visible') return visibleModeration;
	const mine = !!actor && actor.accountId === authorId;
	return {
		state: raw.state,
		showText: mine,
		reason: mine && raw.hiddenBy !== 'reports' ? ((raw.reason as ReportReason | null) ?? null) : null,
		note: mine && raw.hiddenBy !== 'reports' ? (raw.note ?? null) : null,
		awaitingReview: raw.state === 'hidden' && raw.needsReview
	};
}

interface LockedItem {
	id: string;
	state: ItemState;
	buurt_id: string;
	corporation_id: string;
	author_id: string;
	content_kind: string;
	is_public: boolean;
}

const lockItem = async (tx: Queryable, kind: ContentKind, id: string) =>
	(await tx.query<LockedItem>('SELECT id, state, buurt_id, corporation_id, author_id, content_kind, is_public FROM moderation_items WHERE content_kind = $1 AND content_id = $2 FOR UPDATE', [kind, id]))[0] ?? null;

/**
 * The author changed reported content (call before writing the change, in the same
 * transaction). The rule: an edit never shows hidden content by itself — hidden content stays
 * hidden and goes back to the review queue, marked as changed, with the new words for the
 * reviewer; visible content stays visible and its reports keep counting. Removed content can no
 * longer be edited. Errors: moderation.removed (409).
 */
export async function contentEdited(tx: Queryable, c: { kind: ContentKind; id: string; text: string; actorId: string; at: Date }): Promise<void> {
	const item = await lockItem(tx, c.kind, c.id);
	if (!item) return;
	if (item.state === 'removed') throw new DomainError('moderation.removed');
	const hidden = item.state === 'hidden';
	await tx.query(
		`UPDATE moderation_items SET excerpt = $2, updated_at = $3, needs_review = needs_review OR $4, edited_after_hide = edited_after_hide OR $4 WHERE id = $1`,
		[item.id, c.text.slice(0, 2000), c.at, hidden]
	);
	if (!hidden) return;
	await tx.query(`INSERT INTO moderation_decisions (item_id, account_id, corporation_id, kind, actor_id, actor_role, at) VALUES ($1, $2, $3, 'edited', $4, 'author', $5)`, [item.id, item.author_id, item.corporation_id, c.actorId, c.at]);
	await tellReviewers(tx, item, c.at);
}

/** The author (or staff) deleted the content: its words leave the item too, and it leaves the queue. */
export async function contentDeleted(tx: Queryable, c: { kind: ContentKind; id: string; at: Date }): Promise<void> {
	await tx.query(`UPDATE moderation_items SET excerpt = '', needs_review = false, updated_at = $3 WHERE content_kind = $1 AND content_id = $2`, [c.kind, c.id, c.at]);
}
