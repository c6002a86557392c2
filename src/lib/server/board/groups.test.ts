import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { openBoardTests, type BoardFixture } from './test-fixtures';
import { actOnGroup, addReply, createGroup, createPost, getFeed, getGroup, getPost, listGroups } from './index';

let f: BoardFixture;
beforeAll(async () => {
	f = await openBoardTests();
});
const code = (p: Promise<unknown>) => p.then(() => 'ok', (err) => (err instanceof DomainError ? err.code : Promise.reject(err)));
const act = async (who: Parameters<BoardFixture['actor']>[0], groupId: string, action: string, accountId?: string) =>
	actOnGroup(f.ctx, await f.actor(who), { buurtId: f.linde, groupId, action, accountId });

describe('board groups: membership rules', () => {
	it('an open group: anyone of the buurt joins at once, reads and posts; the buurt reads its posts; its posts stay out of the feed', async () => {
		const fatima = await f.actor('fatima');
		const g = await createGroup(f.ctx, fatima, { buurtId: f.linde, name: 'Moestuin Lindeplein', access: 'open' });
		expect((await act('tenant', g.id, 'join')).status).toBe('member');
		expect(await code(act('tenant', g.id, 'join'))).toBe('board.already_in_group');
		const post = await createPost(f.ctx, await f.actor('tenant'), { buurtId: f.linde, groupId: g.id, kind: 'announcement', body: 'Zaaien zaterdag' });
		// Bram is no member: he reads an open group's posts, but posts only after joining.
		const bram = await f.actor('supervisor');
		expect((await getGroup(f.db, bram, { buurtId: f.linde, groupId: g.id }, f.ctx.clock())).feed?.items.map((p) => p.id)).toEqual([post.id]);
		expect(await code(createPost(f.ctx, bram, { buurtId: f.linde, groupId: g.id, kind: 'question', body: 'Mag ik?' }))).toBe('board.forbidden');
		expect(await code(addReply(f.ctx, bram, { buurtId: f.linde, postId: post.id, body: 'Ik kom ook' }))).toBe('board.forbidden');
		expect((await getFeed(f.db, bram, { buurtId: f.linde }, f.ctx.clock())).items.map((p) => p.id)).not.toContain(post.id);
		// Another buurt never sees the group or its posts.
		const piet = await f.actor('piet');
		expect(await code(getGroup(f.db, piet, { buurtId: f.linde, groupId: g.id }, f.ctx.clock()))).toBe('board.not_found');
		expect(await code(getGroup(f.db, piet, { buurtId: f.beuken, groupId: g.id }, f.ctx.clock()))).toBe('board.not_found');
		expect(await code(getPost(f.db, piet, { buurtId: f.linde, postId: post.id }))).toBe('board.not_found');
		expect(await code(act('piet', g.id, 'join'))).toBe('board.not_found');
	});

	it('by request: the owner approves; until then the posts are invisible (404), also to staff', async () => {
		const fatima = await f.actor('fatima');
		const g = await createGroup(f.ctx, fatima, { buurtId: f.linde, name: 'Breiclub', access: 'request' });
		const post = await createPost(f.ctx, fatima, { buurtId: f.linde, groupId: g.id, kind: 'announcement', body: 'Dinsdag breien' });
		const noor = await f.actor('helper');
		// The group is listed for the buurt; its posts are not readable.
		expect((await listGroups(f.db, noor, { buurtId: f.linde })).groups.map((x) => x.id)).toContain(g.id);
		expect((await getGroup(f.db, noor, { buurtId: f.linde, groupId: g.id }, f.ctx.clock())).feed).toBeNull();
		expect(await code(getPost(f.db, noor, { buurtId: f.linde, postId: post.id }))).toBe('board.not_found');
		expect(await code(getPost(f.db, await f.actor('employee'), { buurtId: f.linde, postId: post.id }))).toBe('board.not_found');
		expect((await act('helper', g.id, 'join')).status).toBe('requested');
		expect(await code(getPost(f.db, noor, { buurtId: f.linde, postId: post.id }))).toBe('board.not_found');
		// Only the owner decides.
		expect(await code(act('tenant', g.id, 'approve', noor.accountId))).toBe('board.forbidden');
		expect(await code(act('helper', g.id, 'approve', noor.accountId))).toBe('board.forbidden');
		expect((await getGroup(f.db, fatima, { buurtId: f.linde, groupId: g.id }, f.ctx.clock())).requests.map((r) => r.accountId)).toEqual([noor.accountId]);
		expect((await act('fatima', g.id, 'approve', noor.accountId)).status).toBe('approved');
		expect((await getPost(f.db, await f.actor('helper'), { buurtId: f.linde, postId: post.id })).post.body).toBe('Dinsdag breien');
		// Declining a request that is not there is a conflict, not a silent no-op.
		expect(await code(act('fatima', g.id, 'decline', noor.accountId))).toBe('board.no_request');
		expect((await act('tenant', g.id, 'join')).status).toBe('requested');
		expect((await act('fatima', g.id, 'decline', (await f.actor('tenant')).accountId)).status).toBe('declined');
	});

	it('the creator cannot just leave: hand over first (then they may), or close', async () => {
		const fatima = await f.actor('fatima');
		const g = await createGroup(f.ctx, fatima, { buurtId: f.linde, name: 'Wandelclub', access: 'open' });
		expect(await code(act('fatima', g.id, 'leave'))).toBe('board.owner_cannot_leave');
		expect(await code(act('fatima', g.id, 'hand_over', (await f.actor('tenant')).accountId))).toBe('board.not_in_group');
		await act('tenant', g.id, 'join');
		expect((await act('fatima', g.id, 'hand_over', (await f.actor('tenant')).accountId)).status).toBe('handed_over');
		expect((await act('fatima', g.id, 'leave')).status).toBe('left');
		expect(await code(act('fatima', g.id, 'close'))).toBe('board.forbidden');
		expect((await act('tenant', g.id, 'close')).status).toBe('closed');
		expect(await code(getGroup(f.db, fatima, { buurtId: f.linde, groupId: g.id }, f.ctx.clock()))).toBe('board.not_found');
		expect((await listGroups(f.db, fatima, { buurtId: f.linde })).groups.map((x) => x.id)).not.toContain(g.id);
	});

	it('staff do not create groups or join them; bad input is named per field', async () => {
		expect(await code(createGroup(f.ctx, await f.actor('employee'), { buurtId: f.linde, name: 'Staf', access: 'open' }))).toBe('board.forbidden');
		const err = await createGroup(f.ctx, await f.actor('tenant'), { buurtId: f.linde, name: '', access: 'secret' }).catch((e) => e);
		expect(err.fields).toEqual({ name: 'board.group_name_required', access: 'board.access_required' });
	});
});
