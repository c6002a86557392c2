import type { Queryable } from '../db/client';
import { firstName, isStaffOf, neighbourName, type Actor } from '../people';
import type { BuurtRef } from '../places';
import { canReport, moderationColumn, shownModeration, type RawModeration } from '../moderation';
import type { AuthorView, FeedKind, FeedPage, NameChoice, PostView } from './model';
import { canDelete, canEdit } from './policy';

/**
 * The feed: ONE statement per page, names, reply counts and photo ids included (no N+1).
 * Newest first on (created_at, id), keyset on the id of the last post of the previous page
 * (`before`), which survives new posts arriving while someone reads. On the first page the
 * buurt's pinned, unexpired news comes first; pinned news is never in the dated stream, so no
 * post appears twice. Expired news is gone from both. Indexes: board_posts_feed,
 * board_posts_group_feed, board_posts_pinned (migration 0120), board_replies_post, the photos'
 * unique (post_id, position).
 */

interface PostRow {
	id: string;
	buurt_id: string;
	group_id: string | null;
	kind: FeedKind;
	body: string;
	author_id: string;
	name_choice: NameChoice;
	author_street: string | null;
	pinned: boolean;
	expires_on: string | null;
	created_at: Date;
	edited_at: Date | null;
	author_name: string;
	show_street: boolean;
	author_is_staff: boolean;
	reply_count: number;
	photo_ids: string[];
	moderation: RawModeration | null;
}

/** The columns every post view needs, over a set of posts named `page`. $1 is the corporation. */
const postColumns = `page.id, page.buurt_id, page.group_id, page.kind, page.body, page.author_id, page.name_choice, page.author_street,
	page.pinned_now AS pinned, page.expires_on::text AS expires_on, page.created_at, page.edited_at, a.name AS author_name, a.show_street,
	EXISTS (SELECT 1 FROM staff_roles s WHERE s.account_id = page.author_id AND s.corporation_id = $1) AS author_is_staff,
	(SELECT count(*)::int FROM board_replies r WHERE r.post_id = page.id AND r.deleted_at IS NULL) AS reply_count,
	ARRAY(SELECT ph.id::text FROM board_photos ph WHERE ph.post_id = page.id ORDER BY ph.position) AS photo_ids,
	${moderationColumn('board_post', 'page.id')}`;

const live = `p.deleted_at IS NULL AND (p.expires_on IS NULL OR p.expires_on > $3::date)`;

/** $1 corporation, $2 buurt, $3 today, $4 cursor id or null, $5 limit + 1, $6 group or null. */
const feedSql = (group: boolean) => {
	const where = group ? 'p.group_id = $6 AND p.buurt_id = $2' : 'p.buurt_id = $2 AND p.group_id IS NULL';
	return `WITH cur AS (SELECT p.created_at, p.id FROM board_posts p WHERE p.id = $4::uuid AND ${where}),
	page AS (
		(SELECT p.*, true AS pinned_now FROM board_posts p
		 WHERE ${where} AND p.pinned AND ${live} AND NOT EXISTS (SELECT 1 FROM cur)
		 ORDER BY p.created_at DESC, p.id DESC LIMIT 50)
		UNION ALL
		(SELECT p.*, false AS pinned_now FROM board_posts p
		 WHERE ${where} AND NOT p.pinned AND ${live}
		   AND (NOT EXISTS (SELECT 1 FROM cur) OR (p.created_at, p.id) < (SELECT created_at, id FROM cur))
		 ORDER BY p.created_at DESC, p.id DESC LIMIT $5)
	)
	SELECT ${postColumns} FROM page JOIN accounts a ON a.id = page.author_id
	ORDER BY page.pinned_now DESC, page.created_at DESC, page.id DESC`;
};
const buurtFeedSql = feedSql(false);
const groupFeedSql = feedSql(true);

/** One page of the buurt's feed, or of a group's posts; the caller checked the scope. */
export async function feedPage(q: Queryable, actor: Actor, b: BuurtRef, opts: { before: string | null; limit: number; groupId: string | null; today: Date }): Promise<FeedPage> {
	const params: unknown[] = [b.corporation_id, b.id, opts.today.toISOString().slice(0, 10), opts.before, opts.limit + 1];
	const rows = await q.query<PostRow>(opts.groupId ? groupFeedSql : buurtFeedSql, opts.groupId ? [...params, opts.groupId] : params);
	const pinned = rows.filter((r) => r.pinned);
	const dated = rows.filter((r) => !r.pinned);
	const more = dated.length > opts.limit;
	const shown = [...pinned, ...dated.slice(0, opts.limit)];
	return {
		items: shown.map((r) => postView(actor, b, r)),
		nextBefore: more ? dated[opts.limit - 1].id : null,
		first: opts.before === null || pinned.length > 0
	};
}

/** One post (not deleted) in the same shape; null when it is not there. */
export async function onePost(q: Queryable, actor: Actor, b: BuurtRef, postId: string): Promise<PostView | null> {
	const [row] = await q.query<PostRow>(
		`SELECT ${postColumns} FROM (SELECT p.*, p.pinned AS pinned_now FROM board_posts p WHERE p.id = $2 AND p.deleted_at IS NULL) page
		 JOIN accounts a ON a.id = page.author_id`,
		[b.corporation_id, postId]
	);
	return row ? postView(actor, b, row) : null;
}

/**
 * How the author is shown to this reader: "a neighbour from the <street>" when they chose so
 * (for everyone, staff too); otherwise the first name (+ street if they show it) to neighbours,
 * and the full name to staff of the corporation.
 */
export function authorView(actor: Actor, b: BuurtRef, r: { name_choice: NameChoice; author_street: string | null; author_name: string; show_street: boolean; author_is_staff: boolean }): AuthorView {
	if (r.name_choice === 'street' && r.author_street) return { shown: 'street', street: r.author_street, isStaff: false };
	if (isStaffOf(actor, b.corporation_id)) return { shown: 'name', name: r.author_name, isStaff: r.author_is_staff };
	if (r.author_is_staff) return { shown: 'name', name: firstName(r.author_name), isStaff: true };
	return { shown: 'name', name: neighbourName(r.author_name, r.show_street ? r.author_street : null), isStaff: false };
}

function postView(actor: Actor, b: BuurtRef, r: PostRow): PostView {
	// Hidden or removed after reports: only the author reads the words (moderation's rule).
	const moderation = shownModeration(actor, r.author_id, r.moderation);
	return {
		id: r.id,
		buurtId: r.buurt_id,
		groupId: r.group_id,
		kind: r.kind,
		body: moderation.showText ? r.body : '',
		author: authorView(actor, b, r),
		isMine: r.author_id === actor.accountId,
		pinned: r.pinned,
		expiresOn: r.expires_on,
		createdAt: new Date(r.created_at),
		editedAt: r.edited_at ? new Date(r.edited_at) : null,
		replyCount: Number(r.reply_count),
		photoIds: moderation.showText ? (r.photo_ids ?? []) : [],
		moderation,
		can: {
			edit: canEdit(actor, r.author_id) && moderation.state !== 'removed',
			delete: canDelete(actor, r.author_id, b),
			report: r.kind !== 'news' && moderation.state === 'visible' && canReport(actor, { authorId: r.author_id, corporationId: b.corporation_id })
		}
	};
}
