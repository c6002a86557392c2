import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { isStaffOf, neighbourName, shownStreets, type Actor } from '../people';
import { PAGE_SIZE, buurtIdSchema, groupIdSchema, postIdSchema, type FeedPage, type GroupAccess, type NameChoice, type PostView, type ReplyView } from './model';
import { canDelete, canEdit, canJoin, canLeave, canManage, canPost, canPostInGroup, canPostNews, canReply, seesGroupPosts } from './policy';
import { boardBuurt, loadGroup, streetInBuurt, visiblePost } from './store';
import { authorView, feedPage, onePost } from './feed';
import { canReport, moderationColumn, shownModeration, type RawModeration } from '../moderation';

/** Reads for the board's pages and API, scoped by the actor (board.not_found outside). */

export const feedSchema = z.object({
	buurtId: buurtIdSchema,
	/** The id of the last post of the previous page. */
	before: z.uuid('validation.format').optional()
});

export interface BoardFeed extends FeedPage {
	buurt: { id: string; name: string };
	can: { post: boolean; news: boolean };
}

/** One page of a buurt's feed (posts outside groups, and news). Errors: board.not_found, validation.invalid. */
export async function getFeed(q: Queryable, actor: Actor, input: unknown, today: Date): Promise<BoardFeed> {
	const v = parseInput(feedSchema, input);
	const b = await boardBuurt(q, actor, v.buurtId);
	const page = await feedPage(q, actor, b, { before: v.before ?? null, limit: PAGE_SIZE, groupId: null, today });
	return { ...page, buurt: { id: b.id, name: b.name }, can: { post: canPost(actor, b), news: canPostNews(actor, b) } };
}

export const postTargetSchema = z.object({ buurtId: buurtIdSchema, postId: postIdSchema });

export interface PostWithReplies {
	buurt: { id: string; name: string };
	post: PostView;
	group: { id: string; name: string } | null;
	replies: ReplyView[];
	can: { reply: boolean };
}

/** A post with its replies, oldest reply first. Errors: board.not_found. */
export async function getPost(q: Queryable, actor: Actor, input: unknown): Promise<PostWithReplies> {
	const v = parseInput(postTargetSchema, input);
	const b = await boardBuurt(q, actor, v.buurtId);
	const { group } = await visiblePost(q, actor, b, v.postId);
	const post = await onePost(q, actor, b, v.postId);
	if (!post) throw new DomainError('board.not_found');
	const rows = await q.query<{ id: string; body: string; author_id: string; name_choice: NameChoice; author_street: string | null; created_at: Date; edited_at: Date | null; author_name: string; show_street: boolean; author_is_staff: boolean; moderation: RawModeration | null }>(
		`SELECT r.id, r.body, r.author_id, r.name_choice, r.author_street, r.created_at, r.edited_at, a.name AS author_name, a.show_street,
		   EXISTS (SELECT 1 FROM staff_roles s WHERE s.account_id = r.author_id AND s.corporation_id = $2) AS author_is_staff,
		   ${moderationColumn('board_reply', 'r.id')}
		 FROM board_replies r JOIN accounts a ON a.id = r.author_id
		 WHERE r.post_id = $1 AND r.deleted_at IS NULL ORDER BY r.created_at, r.id`,
		[post.id, b.corporation_id]
	);
	const replies = rows.map((r) => {
		const moderation = shownModeration(actor, r.author_id, r.moderation);
		return {
			id: r.id,
			body: moderation.showText ? r.body : '',
			author: authorView(actor, b, r),
			isMine: r.author_id === actor.accountId,
			createdAt: new Date(r.created_at),
			editedAt: r.edited_at ? new Date(r.edited_at) : null,
			moderation,
			can: {
				edit: canEdit(actor, r.author_id) && moderation.state !== 'removed',
				delete: canDelete(actor, r.author_id, b),
				report: moderation.state === 'visible' && canReport(actor, { authorId: r.author_id, corporationId: b.corporation_id })
			}
		};
	});
	return {
		buurt: { id: b.id, name: b.name },
		post,
		group: group ? { id: group.id, name: group.name } : null,
		replies,
		can: { reply: canReply(actor, b) && (!group || canPostInGroup(actor, group)) }
	};
}

export interface GroupSummary {
	id: string;
	name: string;
	description: string;
	access: GroupAccess;
	memberCount: number;
	myStatus: 'member' | 'requested' | null;
	isOwner: boolean;
}

const buurtSchema = z.object({ buurtId: buurtIdSchema });

/** The buurt's open groups and groups by request (not closed), by name. Errors: board.not_found. */
export async function listGroups(q: Queryable, actor: Actor, input: unknown): Promise<{ buurt: { id: string; name: string }; groups: GroupSummary[]; can: { create: boolean } }> {
	const v = parseInput(buurtSchema, input);
	const b = await boardBuurt(q, actor, v.buurtId);
	const rows = await q.query<{ id: string; name: string; description: string; access: GroupAccess; owner_id: string; member_count: number; my_status: 'member' | 'requested' | null }>(
		`SELECT g.id, g.name, g.description, g.access, g.owner_id,
		   (SELECT count(*)::int FROM board_group_members m WHERE m.group_id = g.id AND m.status = 'member') AS member_count,
		   (SELECT m.status FROM board_group_members m WHERE m.group_id = g.id AND m.account_id = $2) AS my_status
		 FROM board_groups g WHERE g.buurt_id = $1 AND g.closed_at IS NULL ORDER BY lower(g.name), g.id`,
		[b.id, actor.accountId]
	);
	return {
		buurt: { id: b.id, name: b.name },
		groups: rows.map((r) => ({ id: r.id, name: r.name, description: r.description, access: r.access, memberCount: Number(r.member_count), myStatus: r.my_status, isOwner: r.owner_id === actor.accountId })),
		can: { create: canPost(actor, b) }
	};
}

export const groupFeedSchema = z.object({ buurtId: buurtIdSchema, groupId: groupIdSchema, before: z.uuid('validation.format').optional() });

export interface GroupPage {
	buurt: { id: string; name: string };
	group: GroupSummary & { ownerName: string };
	/** Members by name (for the group's members and staff), requests (for the owner). */
	members: { accountId: string; name: string; isOwner: boolean }[];
	requests: { accountId: string; name: string }[];
	/** The group's posts, when the actor may read them (an open group: the buurt; by request: its members). */
	feed: FeedPage | null;
	can: { post: boolean; join: boolean; leave: boolean; manage: boolean };
}

/** A group with its members and (when readable) its posts. Errors: board.not_found, validation.invalid. */
export async function getGroup(q: Queryable, actor: Actor, input: unknown, today: Date): Promise<GroupPage> {
	const v = parseInput(groupFeedSchema, input);
	const b = await boardBuurt(q, actor, v.buurtId);
	const g = await loadGroup(q, actor, b.id, v.groupId);
	const reads = seesGroupPosts(actor, g, b);
	const people = await q.query<{ account_id: string; name: string; status: 'member' | 'requested' }>(
		`SELECT m.account_id, a.name, m.status FROM board_group_members m JOIN accounts a ON a.id = m.account_id WHERE m.group_id = $1 ORDER BY m.joined_at NULLS LAST, m.requested_at`,
		[g.id]
	);
	const staff = isStaffOf(actor, b.corporation_id);
	const streets = staff ? new Map<string, string>() : await shownStreets(q, people.map((p) => p.account_id), today, b.id);
	const nameOf = (p: { account_id: string; name: string }) => (staff ? p.name : neighbourName(p.name, streets.get(p.account_id)));
	const members = people.filter((p) => p.status === 'member');
	const owner = members.find((m) => m.account_id === g.owner_id);
	return {
		buurt: { id: b.id, name: b.name },
		group: { id: g.id, name: g.name, description: g.description, access: g.access, memberCount: members.length, myStatus: g.my_status, isOwner: g.owner_id === actor.accountId, ownerName: owner ? nameOf(owner) : '' },
		// Who is in a group by request is the group's business; an open group's members are the buurt's.
		members: reads ? members.map((m) => ({ accountId: m.account_id, name: nameOf(m), isOwner: m.account_id === g.owner_id })) : [],
		requests: canManage(actor, g) ? people.filter((p) => p.status === 'requested').map((p) => ({ accountId: p.account_id, name: nameOf(p) })) : [],
		feed: reads ? await feedPage(q, actor, b, { before: v.before ?? null, limit: PAGE_SIZE, groupId: g.id, today }) : null,
		can: { post: canPostInGroup(actor, g), join: canJoin(actor, g), leave: canLeave(actor, g), manage: canManage(actor, g) }
	};
}

/** A post's photo, for whoever may see the post (else board.not_found). */
export async function getBoardPhoto(q: Queryable, actor: Actor, photoId: string): Promise<{ contentType: string; bytes: Uint8Array; sha256: string }> {
	if (!z.uuid().safeParse(photoId).success) throw new DomainError('board.not_found');
	const [row] = await q.query<{ post_id: string; buurt_id: string; author_id: string; content_type: string; bytes: Uint8Array; sha256: string; moderation: RawModeration | null }>(
		`SELECT ph.post_id, p.buurt_id, p.author_id, ph.content_type, ph.bytes, ph.sha256, ${moderationColumn('board_post', 'p.id')}
		 FROM board_photos ph JOIN board_posts p ON p.id = ph.post_id WHERE ph.id = $1 AND p.deleted_at IS NULL`,
		[photoId]
	);
	// A hidden post's photos are hidden with it (its author still sees them).
	if (!row || !shownModeration(actor, row.author_id, row.moderation).showText) throw new DomainError('board.not_found');
	const b = await boardBuurt(q, actor, row.buurt_id);
	await visiblePost(q, actor, b, row.post_id);
	return { contentType: row.content_type, bytes: row.bytes, sha256: row.sha256 };
}

/** How the actor's own name would show on a post here: their first name and street in the buurt. */
export async function myBoardName(q: Queryable, actor: Actor, buurtId: string, today: Date): Promise<{ firstName: string; street: string | null }> {
	return { firstName: actor.name.trim().split(/\s+/)[0] ?? '', street: await streetInBuurt(q, actor, buurtId, today) };
}
