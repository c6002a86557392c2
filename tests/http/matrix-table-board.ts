import type { ActorName, Body, Ids, Row, Spec } from './matrix-table';

/**
 * The neighbourhood board (docs/ARCHITECTURE.md, "Board"): members of the buurt and staff of its
 * corporation see it, everyone else gets 404 (partners too: the board is not theirs). Members
 * post, reply and run groups; staff post news, reply and delete what breaks the house rules, but
 * do not post as members or join groups. Rows aim at the demo's Lindebuurt board: Bram's
 * question (a reply of Noor under it — Noor is no matrix actor) and Fatima's open group
 * "Moestuin Lindeplein", which Anna joined. Writes that would really act have probe: null.
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const json = (j: unknown): Body => ({ json: j });
const emptyForm = () => form({});
const emptyJson = () => json({});
const none = '00000000-0000-4000-8000-000000000000';

const buurtL: Spec = { all: 'hidden', anon: 'login', memberL: 'ok', staff: 'ok' };
const buurtB: Spec = { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' };
const buurtW: Spec = { all: 'hidden', anon: 'login', otherCorp: 'ok' };
const outside: Spec = { all: 'hidden', anon: 'login' };
/** Members post; staff of the corporation see the board but are refused (403). */
const membersWrite: Spec = { ...outside, memberL: 'ok', staff: 'forbidden' };
const staffWrite: Spec = { ...outside, memberL: 'forbidden', staff: 'ok' };
const bothWrite: Spec = { ...outside, memberL: 'ok', staff: 'ok' };
/** Bram's own post: others of the buurt are refused. */
const bramsOwn: Spec = { ...outside, memberL: 'refused', staff: 'refused', bram: 'ok' };
const bramOrStaff: Spec = { ...outside, memberL: 'refused', bram: 'ok', staff: 'ok' };
/** Noor's reply: no matrix actor wrote it; staff may delete it. */
const noorsOwn: Spec = { ...outside, memberL: 'refused', staff: 'refused' };
const noorOrStaff: Spec = { ...outside, memberL: 'refused', staff: 'ok' };
/** Fatima runs the group. */
const ownerOnly: Spec = { ...outside, memberL: 'forbidden', staff: 'forbidden', fatima: 'ok' };

const perBuurt = (k: string, p: (id: string) => string): Row[] => [
	{ key: k, target: 'Lindebuurt (De Linde)', needs: ['L'], path: (i) => p(i.L), expect: buurtL },
	{ key: k, target: 'Beukenbuurt (De Linde)', needs: ['B'], path: (i) => p(i.B), expect: buurtB },
	{ key: k, target: 'buurt of Woonbron Oost', needs: ['W'], path: (i) => p(i.W), expect: buurtW }
];
const board = (i: Ids) => `/buurten/${i.L}/board`;
const api = (i: Ids) => `/api/v1/buurten/${i.L}/board`;
const post = 'Bram’s question (Lindebuurt board)';
const group = 'Fatima’s open group (Lindebuurt)';
const reply = 'Noor’s reply (Lindebuurt board)';
const postBody = () => form({ kind: 'question', body: 'Matrix bericht' });

export const boardRows: Row[] = [
	...perBuurt('PAGE /buurten/[id]/board', (id) => `/buurten/${id}/board`),
	...perBuurt('PAGE /buurten/[id]/board/groups', (id) => `/buurten/${id}/board/groups`),
	...perBuurt('GET /api/v1/buurten/[id]/board', (id) => `/api/v1/buurten/${id}/board`),
	...perBuurt('GET /api/v1/buurten/[id]/board/groups', (id) => `/api/v1/buurten/${id}/board/groups`),
	{ key: 'ACTION /buurten/[id]/board?/post', target: 'Lindebuurt board', needs: ['L'], path: (i) => `${board(i)}?/post`, expect: membersWrite, probe: emptyForm, valid: postBody },
	{ key: 'ACTION /buurten/[id]/board?/news', target: 'Lindebuurt board', needs: ['L'], path: (i) => `${board(i)}?/news`, expect: staffWrite, probe: emptyForm, valid: () => form({ body: 'Matrix nieuws' }) },
	{ key: 'PAGE /buurten/[id]/board/[postId]', target: post, needs: ['L', 'boardPost'], path: (i) => `${board(i)}/${i.boardPost}`, expect: buurtL },
	{ key: 'ACTION /buurten/[id]/board/[postId]?/reply', target: post, needs: ['L', 'boardPost'], path: (i) => `${board(i)}/${i.boardPost}?/reply`, expect: bothWrite, probe: emptyForm, valid: () => form({ body: 'Matrix reactie' }) },
	{ key: 'ACTION /buurten/[id]/board/[postId]?/editPost', target: post, needs: ['L', 'boardPost'], path: (i) => `${board(i)}/${i.boardPost}?/editPost`, expect: bramsOwn, probe: emptyForm, valid: () => form({ body: 'Matrix anders' }) },
	{ key: 'ACTION /buurten/[id]/board/[postId]?/deletePost', target: post, needs: ['L', 'boardPost'], path: (i) => `${board(i)}/${i.boardPost}?/deletePost`, expect: bramOrStaff, probe: null, valid: emptyForm },
	{ key: 'ACTION /buurten/[id]/board/[postId]?/editReply', target: reply, needs: ['L', 'boardPost', 'boardReply'], path: (i) => `${board(i)}/${i.boardPost}?/editReply`, expect: noorsOwn, valid: (i) => form({ replyId: i.boardReply, body: 'Matrix anders' }) },
	{ key: 'ACTION /buurten/[id]/board/[postId]?/deleteReply', target: reply, needs: ['L', 'boardPost', 'boardReply'], path: (i) => `${board(i)}/${i.boardPost}?/deleteReply`, expect: noorOrStaff, probe: null, valid: (i) => form({ replyId: i.boardReply }) },
	{ key: 'ACTION /buurten/[id]/board/groups?/create', target: 'Lindebuurt groups', needs: ['L'], path: (i) => `${board(i)}/groups?/create`, expect: membersWrite, probe: emptyForm, valid: () => form({ name: 'Matrix groep', access: 'open' }) },
	{ key: 'PAGE /buurten/[id]/board/groups/[groupId]', target: group, needs: ['L', 'boardGroup'], path: (i) => `${board(i)}/groups/${i.boardGroup}`, expect: buurtL },
	// Joining really joins: only the refused cells are sent. Staff are refused (no members of groups).
	{ key: 'ACTION /buurten/[id]/board/groups/[groupId]?/join', target: group, needs: ['L', 'boardGroup'], path: (i) => `${board(i)}/groups/${i.boardGroup}?/join`, expect: { ...outside, memberL: 'ok', staff: 'forbidden' }, probe: null, valid: emptyForm },
	// Leaving really leaves (members); staff are not in the group (409).
	{ key: 'ACTION /buurten/[id]/board/groups/[groupId]?/leave', target: group, needs: ['L', 'boardGroup'], path: (i) => `${board(i)}/groups/${i.boardGroup}?/leave`, expect: { ...outside, memberL: 'ok', staff: 'denied' }, probe: null, valid: emptyForm },
	...(['approve', 'decline', 'handOver'] as const).map((a): Row => ({ key: `ACTION /buurten/[id]/board/groups/[groupId]?/${a}`, target: group, needs: ['L', 'boardGroup', 'annaId'], path: (i) => `${board(i)}/groups/${i.boardGroup}?/${a}`, expect: ownerOnly, probe: emptyForm, valid: (i) => form({ accountId: i.annaId }) })),
	{ key: 'ACTION /buurten/[id]/board/groups/[groupId]?/close', target: group, needs: ['L', 'boardGroup'], path: (i) => `${board(i)}/groups/${i.boardGroup}?/close`, expect: ownerOnly, probe: null, valid: emptyForm },
	// Only the group's members post in it (Fatima and Anna); other members and staff are refused.
	{ key: 'ACTION /buurten/[id]/board/groups/[groupId]?/post', target: group, needs: ['L', 'boardGroup'], path: (i) => `${board(i)}/groups/${i.boardGroup}?/post`, expect: { ...outside, memberL: 'forbidden', anna: 'ok', fatima: 'ok', staff: 'forbidden' }, probe: emptyForm, valid: postBody },
	// The demo has no board photo; an unknown one is 404 for everyone (anonymous too, as for buurtpot uploads).
	{ key: 'GET /uploads/board/[id]', target: 'no such photo', path: () => `/uploads/board/${none}`, expect: { all: 'hidden' } },

	{ key: 'POST /api/v1/buurten/[id]/board/posts', target: 'Lindebuurt board', needs: ['L'], path: (i) => `${api(i)}/posts`, expect: membersWrite, probe: emptyJson, valid: () => json({ kind: 'question', body: 'Matrix bericht' }) },
	{ key: 'POST /api/v1/buurten/[id]/board/news', target: 'Lindebuurt board', needs: ['L'], path: (i) => `${api(i)}/news`, expect: staffWrite, probe: emptyJson, valid: () => json({ body: 'Matrix nieuws' }) },
	{ key: 'GET /api/v1/buurten/[id]/board/posts/[postId]', target: post, needs: ['L', 'boardPost'], path: (i) => `${api(i)}/posts/${i.boardPost}`, expect: buurtL },
	{ key: 'PATCH /api/v1/buurten/[id]/board/posts/[postId]', target: post, needs: ['L', 'boardPost'], path: (i) => `${api(i)}/posts/${i.boardPost}`, expect: bramsOwn, probe: emptyJson, valid: () => json({ body: 'Matrix anders' }) },
	{ key: 'DELETE /api/v1/buurten/[id]/board/posts/[postId]', target: post, needs: ['L', 'boardPost'], path: (i) => `${api(i)}/posts/${i.boardPost}`, expect: bramOrStaff, probe: null, valid: () => null },
	{ key: 'POST /api/v1/buurten/[id]/board/posts/[postId]/replies', target: post, needs: ['L', 'boardPost'], path: (i) => `${api(i)}/posts/${i.boardPost}/replies`, expect: bothWrite, probe: emptyJson, valid: () => json({ body: 'Matrix reactie' }) },
	{ key: 'PATCH /api/v1/buurten/[id]/board/posts/[postId]/replies/[replyId]', target: reply, needs: ['L', 'boardPost', 'boardReply'], path: (i) => `${api(i)}/posts/${i.boardPost}/replies/${i.boardReply}`, expect: noorsOwn, valid: () => json({ body: 'Matrix anders' }) },
	{ key: 'DELETE /api/v1/buurten/[id]/board/posts/[postId]/replies/[replyId]', target: reply, needs: ['L', 'boardPost', 'boardReply'], path: (i) => `${api(i)}/posts/${i.boardPost}/replies/${i.boardReply}`, expect: noorOrStaff, probe: null, valid: () => null },
	{ key: 'POST /api/v1/buurten/[id]/board/groups', target: 'Lindebuurt groups', needs: ['L'], path: (i) => `${api(i)}/groups`, expect: membersWrite, probe: emptyJson, valid: () => json({ name: 'Matrix groep', access: 'open' }) },
	{ key: 'GET /api/v1/buurten/[id]/board/groups/[groupId]', target: group, needs: ['L', 'boardGroup'], path: (i) => `${api(i)}/groups/${i.boardGroup}`, expect: buurtL },
	// An empty body names no action: bad input for everyone who sees the group (nothing done).
	{ key: 'POST /api/v1/buurten/[id]/board/groups/[groupId]/actions', target: group, needs: ['L', 'boardGroup'], path: (i) => `${api(i)}/groups/${i.boardGroup}/actions`, expect: bothWrite, probe: emptyJson, valid: () => json({ action: 'join' }) }
];

/** The demo board's ids the rows aim at, read as Wim (staff see the board and its groups). */
export async function boardIds(asJson: (who: ActorName, method: string, path: string) => Promise<Record<string, unknown>>, ids: Ids): Promise<void> {
	const feed = (await asJson('wim', 'GET', `/api/v1/buurten/${ids.L}/board`)) as { posts: { id: string; kind: string; body: string }[] };
	ids.boardPost = feed.posts.find((p) => p.body.startsWith('Heeft iemand een trap'))?.id ?? '';
	if (ids.boardPost) ids.boardReply = ((await asJson('wim', 'GET', `/api/v1/buurten/${ids.L}/board/posts/${ids.boardPost}`)) as { replies: { id: string }[] }).replies[0]?.id ?? '';
	ids.boardGroup = ((await asJson('wim', 'GET', `/api/v1/buurten/${ids.L}/board/groups`)) as { groups: { id: string; name: string }[] }).groups.find((g) => g.name === 'Moestuin Lindeplein')?.id ?? '';
}

/** What must be the same after the refused writes: the board's feed, the post with its replies, the group. */
export const boardSnapshot = (ids: Ids): [string, string][] =>
	ids.L ? [[`board L`, `/api/v1/buurten/${ids.L}/board`], ...(ids.boardPost ? [[`board post`, `/api/v1/buurten/${ids.L}/board/posts/${ids.boardPost}`] as [string, string]] : []), ...(ids.boardGroup ? [[`board group`, `/api/v1/buurten/${ids.L}/board/groups/${ids.boardGroup}`] as [string, string]] : [])] : [];
