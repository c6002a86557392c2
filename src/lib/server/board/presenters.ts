import type { AuthorView, FeedPage, PostView, ReplyView } from './model';
import type { GroupPage, GroupSummary, PostWithReplies } from './queries';

/** JSON shapes of /api/v1/buurten/{id}/board… (never raw rows; schemas in openapi.ts). */

/** Hidden or removed after reports: the body is '' for others; the author reads why. */
const moderation = (m: PostView['moderation']) => ({ state: m.state, reason: m.reason, note: m.note });

const author = (a: AuthorView) => ({ shown: a.shown, name: a.shown === 'name' ? a.name : null, street: a.shown === 'street' ? a.street : null, isStaff: a.isStaff });

export const presentPost = (p: PostView) => ({
	id: p.id,
	buurtId: p.buurtId,
	groupId: p.groupId,
	kind: p.kind,
	body: p.body,
	author: author(p.author),
	isMine: p.isMine,
	pinned: p.pinned,
	expiresOn: p.expiresOn,
	createdAt: p.createdAt.toISOString(),
	editedAt: p.editedAt?.toISOString() ?? null,
	replyCount: p.replyCount,
	photoUrls: p.photoIds.map((id) => `/uploads/board/${id}`),
	moderation: moderation(p.moderation),
	can: p.can
});

export const presentReply = (r: ReplyView) => ({
	id: r.id,
	body: r.body,
	author: author(r.author),
	isMine: r.isMine,
	createdAt: r.createdAt.toISOString(),
	editedAt: r.editedAt?.toISOString() ?? null,
	moderation: moderation(r.moderation),
	can: r.can
});

export const presentFeed = (f: FeedPage & { can?: unknown }) => ({ posts: f.items.map(presentPost), nextBefore: f.nextBefore, ...(f.can ? { can: f.can } : {}) });

export const presentPostWithReplies = (p: PostWithReplies) => ({ post: presentPost(p.post), group: p.group, replies: p.replies.map(presentReply), can: p.can });

export const presentGroup = (g: GroupSummary) => ({ id: g.id, name: g.name, description: g.description, access: g.access, memberCount: g.memberCount, myStatus: g.myStatus, isOwner: g.isOwner });

export const presentGroupPage = (g: GroupPage) => ({
	group: { ...presentGroup(g.group), ownerName: g.group.ownerName },
	members: g.members,
	requests: g.requests,
	posts: g.feed ? presentFeed(g.feed).posts : null,
	nextBefore: g.feed?.nextBefore ?? null,
	can: g.can
});
