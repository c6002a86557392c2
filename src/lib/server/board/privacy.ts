import { scrubNotificationParams } from '../notifications';
import { FORMER_NEIGHBOUR, iso, type PersonalDataKind } from '../privacy';
import { firstName } from '../people';

/**
 * The board's personal data (privacy's table). The person's posts and replies are deleted the
 * board's own way (the row keeps its place, '-' and deleted_at; photos gone), so others' replies
 * under a post stay readable. A group they own passes to its longest member, or closes.
 */
export const boardData: PersonalDataKind = {
	kind: 'board_posts',
	module: 'board',
	messageKey: 'privacy.kinds.board_posts',
	export: async (q, accountId) => {
		const posts = await q.query<{ id: string; kind: string; body: string; name_choice: string; created_at: Date; deleted_at: Date | null; group_name: string | null; photos: number }>(
			`SELECT p.id, p.kind, p.body, p.name_choice, p.created_at, p.deleted_at, g.name AS group_name, (SELECT count(*)::int FROM board_photos f WHERE f.post_id = p.id) AS photos
			 FROM board_posts p LEFT JOIN board_groups g ON g.id = p.group_id WHERE p.author_id = $1 ORDER BY p.created_at, p.id`,
			[accountId]
		);
		const replies = await q.query<{ post_id: string; body: string; created_at: Date; deleted_at: Date | null }>(
			'SELECT post_id, body, created_at, deleted_at FROM board_replies WHERE author_id = $1 ORDER BY created_at, id',
			[accountId]
		);
		const groups = await q.query<{ name: string; status: string; owner: boolean; requested_at: Date }>(
			`SELECT g.name, m.status, g.owner_id = $1 AS owner, m.requested_at FROM board_group_members m JOIN board_groups g ON g.id = m.group_id WHERE m.account_id = $1 ORDER BY m.requested_at`,
			[accountId]
		);
		return [
			...posts.map((p) => ({ what: 'post', id: p.id, kind: p.kind, body: p.body, nameShown: p.name_choice, group: p.group_name, photos: p.photos, at: iso(p.created_at), deletedAt: iso(p.deleted_at) })),
			...replies.map((r) => ({ what: 'reply', postId: r.post_id, body: r.body, at: iso(r.created_at), deletedAt: iso(r.deleted_at) })),
			...groups.map((g) => ({ what: 'group', group: g.name, status: g.status, owner: g.owner, since: iso(g.requested_at) }))
		];
	},
	order: 40,
	erase: async (tx, s) => {
		const posts = await tx.query<{ id: string }>(
			`UPDATE board_posts SET body = '-', deleted_at = COALESCE(deleted_at, $2), name_choice = 'name', author_street = NULL, pinned = false WHERE author_id = $1 RETURNING id`,
			[s.accountId, s.at]
		);
		const ids = posts.map((p) => p.id);
		await tx.query('DELETE FROM board_photos WHERE post_id = ANY($1::uuid[])', [ids]);
		const replies = await tx.query<{ post_id: string }>(
			`UPDATE board_replies SET body = '-', deleted_at = COALESCE(deleted_at, $2), name_choice = 'name', author_street = NULL WHERE author_id = $1 RETURNING post_id`,
			[s.accountId, s.at]
		);
		await scrubNotificationParams(tx, { subjectKind: 'board_post', subjectIds: ids, set: { title: '-' } });
		await scrubNotificationParams(tx, { subjectKind: 'board_post', subjectIds: [...new Set(replies.map((r) => r.post_id))], whoWas: firstName(s.name), set: { who: FORMER_NEIGHBOUR } });
		// Groups they own: the longest member takes over; without members the group closes.
		const owned = await tx.query<{ id: string }>('SELECT id FROM board_groups WHERE owner_id = $1 AND closed_at IS NULL ORDER BY id FOR UPDATE', [s.accountId]);
		for (const g of owned) {
			const [next] = await tx.query<{ account_id: string }>(
				`SELECT account_id FROM board_group_members WHERE group_id = $1 AND account_id <> $2 AND status = 'member' ORDER BY joined_at, account_id LIMIT 1`,
				[g.id, s.accountId]
			);
			if (next) await tx.query('UPDATE board_groups SET owner_id = $2 WHERE id = $1', [g.id, next.account_id]);
			else await tx.query('UPDATE board_groups SET closed_at = $2 WHERE id = $1', [g.id, s.at]);
		}
		const left = await tx.query('DELETE FROM board_group_members WHERE account_id = $1 RETURNING group_id', [s.accountId]);
		return posts.length + replies.length + owned.length + left.length;
	}
};
