import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { buurtInScope, type Actor } from '../people';
import type { BuurtRef } from '../places';
import { seesGroupPosts, type GroupFacts } from './policy';
import type { FeedKind, GroupAccess, NameChoice } from './model';

/**
 * The board's own reads that every use case starts with: the buurt in scope (404 outside),
 * a post with its group, a group with the actor's place in it. Scope before role: each of these
 * answers board.not_found for what the actor may not see.
 */

export const boardBuurt = (q: Queryable, actor: Actor, buurtId: string): Promise<BuurtRef> => buurtInScope(q, actor, buurtId, 'board', 'board.not_found');

export interface GroupRow extends GroupFacts {
	id: string;
	name: string;
	description: string;
	created_at: Date;
}

/** A group of this buurt with the actor's place in it; `lock` takes its row lock first. */
export async function loadGroup(q: Queryable, actor: Actor, buurtId: string, groupId: string, lock = false): Promise<GroupRow> {
	if (lock) await q.query('SELECT id FROM board_groups WHERE id = $1 FOR UPDATE', [groupId]);
	const [g] = await q.query<GroupRow>(
		`SELECT g.id, g.buurt_id, g.name, g.description, g.access, g.owner_id, g.created_at, g.closed_at, m.status AS my_status
		 FROM board_groups g LEFT JOIN board_group_members m ON m.group_id = g.id AND m.account_id = $3
		 WHERE g.id = $1 AND g.buurt_id = $2`,
		[groupId, buurtId, actor.accountId]
	);
	if (!g || g.closed_at) throw new DomainError('board.not_found');
	return { ...g, my_status: g.my_status ?? null, access: g.access as GroupAccess };
}

export interface PostRow {
	id: string;
	buurt_id: string;
	group_id: string | null;
	kind: FeedKind;
	author_id: string;
	name_choice: NameChoice;
	body: string;
}

/**
 * A post the actor may see: of this buurt, not deleted, and — in a group — a group whose posts
 * the actor reads. Returns the group too (null outside groups).
 */
export async function visiblePost(q: Queryable, actor: Actor, b: BuurtRef, postId: string, lock = false): Promise<{ post: PostRow; group: GroupRow | null }> {
	const [post] = await q.query<PostRow>(
		`SELECT id, buurt_id, group_id, kind, author_id, name_choice, body FROM board_posts WHERE id = $1 AND buurt_id = $2 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
		[postId, b.id]
	);
	if (!post) throw new DomainError('board.not_found');
	if (!post.group_id) return { post, group: null };
	const group = await loadGroup(q, actor, b.id, post.group_id);
	if (!seesGroupPosts(actor, group, b)) throw new DomainError('board.not_found');
	return { post, group };
}

/** The street the actor lives on in this buurt today (for "een buurtbewoner van de …"). */
export async function streetInBuurt(q: Queryable, actor: Actor, buurtId: string, today: Date): Promise<string | null> {
	const [row] = await q.query<{ street: string }>(
		`SELECT u.street FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
		 WHERE m.account_id = $1 AND c.buurt_id = $2 AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on > $3::date)
		 ORDER BY u.street LIMIT 1`,
		[actor.accountId, buurtId, today.toISOString().slice(0, 10)]
	);
	return row?.street ?? null;
}
