import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { addComment, deleteComment, hideComment } from './comments';
import { httpStatusFor } from '../shared/errors';
import { getProposalDetail } from './queries';
import { setShowStreet } from '../people';
import { openProposalTests, errorOf, proposalSteps, type ProposalFixture } from './test-fixtures';
import { translator } from '$lib/i18n';
import { listInbox, presentInboxItem, setPreferences } from '../notifications';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { propose } = proposalSteps(() => f);

describe('comments', () => {
	it('are for members of the buurt and staff; authors remove their own', async () => {
		const id = await propose();
		const noor = await f.actor('noor');
		const c = await addComment(ctx, noor, { proposalId: id, body: 'Goed idee! Ik help mee.' });
		await addComment(ctx, await f.actor('wim'), { proposalId: id, body: 'Vraag: waar precies bij de speeltuin?' });
		expect((await errorOf(addComment(ctx, noor, { proposalId: id, body: 'x'.repeat(1001) }))).fields).toEqual({ body: 'validation.too_long' });
		expect((await errorOf(addComment(ctx, noor, { proposalId: id, body: '   ' }))).fields).toEqual({ body: 'proposals.comment_required' });
		expect((await errorOf(addComment(ctx, await f.actor('olga'), { proposalId: id, body: 'Hallo' }))).code).toBe('proposals.not_found');
		expect((await errorOf(addComment(ctx, await f.actor('hanna'), { proposalId: id, body: 'Hallo' }))).code).toBe('proposals.forbidden');
		expect((await errorOf(deleteComment(ctx, await f.actor('anna'), { proposalId: id, commentId: c.id }))).code).toBe('proposals.forbidden');
		await deleteComment(ctx, noor, { proposalId: id, commentId: c.id });
		expect((await errorOf(deleteComment(ctx, noor, { proposalId: id, commentId: c.id }))).code).toBe('proposals.comment_not_found');
		const d = await getProposalDetail(db, await f.actor('anna'), id, ctx.clock());
		expect(d.comments.map((x) => [x.authorName, x.body, x.isStaff])).toEqual([
			['Noor', null, false],
			['Wim', 'Vraag: waar precies bij de speeltuin?', true]
		]);
	});

	it('staff cannot remove someone else’s comment; they hide it with a reason that everyone reads', async () => {
		const id = await propose();
		const wim = await f.actor('wim');
		const x = await addComment(ctx, await f.actor('noor'), { proposalId: id, body: 'X'.repeat(1000) });
		expect((await errorOf(deleteComment(ctx, wim, { proposalId: id, commentId: x.id }))).code).toBe('proposals.forbidden');
		const reason = 'Deze reactie houdt zich niet aan de huisregels.';
		expect((await errorOf(hideComment(ctx, wim, { proposalId: id, commentId: x.id, reason: '' }))).fields).toEqual({ reason: 'proposals.reason_required' });
		for (const who of ['anna', 'hanna'] as const) expect((await errorOf(hideComment(ctx, await f.actor(who), { proposalId: id, commentId: x.id, reason }))).code).toBe('proposals.forbidden');
		expect((await errorOf(hideComment(ctx, await f.actor('olga'), { proposalId: id, commentId: x.id, reason }))).code).toBe('proposals.not_found');
		expect((await errorOf(hideComment(ctx, wim, { proposalId: id, commentId: 999_999, reason }))).code).toBe('proposals.comment_not_found');
		expect(await hideComment(ctx, wim, { proposalId: id, commentId: x.id, reason })).toEqual({ id: x.id, hidden: true });
		const e = await errorOf(hideComment(ctx, wim, { proposalId: id, commentId: x.id, reason }));
		expect([e.code, httpStatusFor(e.code)]).toEqual(['proposals.comment_already_hidden', 409]);
		for (const who of ['noor', 'anna', 'wim', 'hanna'] as const) {
			const [c] = (await getProposalDetail(db, await f.actor(who), id, ctx.clock())).comments;
			expect([c.body, c.hiddenReason]).toEqual([null, reason]);
		}
		const [audit] = await db.query<{ actor_id: string; details: { reason: string; authorId: string } }>(`SELECT actor_id, details FROM audit_log WHERE action = 'buurtpot.comment_hidden' AND subject = $1`, [`buurtpot_comment:${x.id}`]);
		expect(audit).toMatchObject({ actor_id: f.ids.wim, details: { reason, authorId: f.ids.noor } });
		// The author removing a hidden comment still works (then it is simply gone).
		await deleteComment(ctx, await f.actor('noor'), { proposalId: id, commentId: x.id });
		const [gone] = (await getProposalDetail(db, await f.actor('anna'), id, ctx.clock())).comments;
		expect([gone.body, gone.hiddenReason]).toEqual([null, null]);
	});

	it('the author of a hidden comment is told why, in the inbox and by e-mail as they chose', async () => {
		const id = await propose();
		const wim = await f.actor('wim');
		const reason = 'Hier staan woorden in die niet mogen.';
		const deliveries = (commentId: number) =>
			db.query<{ account_id: string; mode: string }>(
				`SELECT d.account_id, d.mode FROM notification_deliveries d JOIN notification_items i ON i.id = d.item_id
				 WHERE i.type = 'proposal.comment_hidden' AND i.subject_id = $1 AND i.params->>'reason' = $2`,
				[id, reason + commentId]
			);
		const noor = await f.actor('noor');
		const a = await addComment(ctx, noor, { proposalId: id, body: 'Eerste reactie' });
		await hideComment(ctx, wim, { proposalId: id, commentId: a.id, reason: reason + a.id });
		const [item] = (await listInbox(ctx, noor)).items.filter((i) => i.type === 'proposal.comment_hidden' && i.subject_id === id);
		const nl = presentInboxItem(translator('nl'), 'http://x', item);
		expect(nl.title).toMatch(/^Uw reactie is verborgen: /);
		expect(nl.body).toContain(`De reden: ${reason}${a.id}`);
		expect(nl.path).toBe(`/proposals/${id}`);
		expect(presentInboxItem(translator('en'), 'http://x', item).body).toContain(`The reason: ${reason}${a.id}`);
		// Nobody else hears of it; the author gets an e-mail at once by default.
		expect(await deliveries(a.id)).toEqual([{ account_id: f.ids.noor, mode: 'instant' }]);
		const others = await db.query(`SELECT 1 FROM notification_items WHERE type = 'proposal.comment_hidden' AND subject_id = $1 AND account_id <> $2`, [id, f.ids.noor]);
		expect(others).toEqual([]);

		// With e-mail off for this type, the inbox still says it, and no mail goes out.
		await setPreferences(ctx, noor, { 'proposal.comment_hidden': 'off' });
		const b = await addComment(ctx, noor, { proposalId: id, body: 'Tweede reactie' });
		await hideComment(ctx, wim, { proposalId: id, commentId: b.id, reason: reason + b.id });
		expect(await deliveries(b.id)).toEqual([]);
		expect((await listInbox(ctx, noor)).items.filter((i) => i.type === 'proposal.comment_hidden' && i.subject_id === id)).toHaveLength(2);
	});
});

describe('names on a proposal', () => {
	it('neighbours read the first name, with the street only for those who chose to show it', async () => {
		const id = await propose();
		const noor = await f.actor('noor');
		await addComment(ctx, noor, { proposalId: id, body: 'Ik doe mee.' });
		await addComment(ctx, await f.actor('h1'), { proposalId: id, body: 'Ik ook.' });
		await setShowStreet(ctx, noor, { showStreet: true });
		const [{ street }] = await db.query<{ street: string }>('SELECT u.street FROM memberships m JOIN units u ON u.id = m.unit_id WHERE m.account_id = $1', [f.ids.noor]);
		const d = await getProposalDetail(db, await f.actor('anna'), id, ctx.clock());
		expect(d.comments.slice(-2).map((c) => c.authorName)).toEqual([`Noor (${street})`, 'Henk']);
		await setShowStreet(ctx, noor, { showStreet: false });
		const again = await getProposalDetail(db, await f.actor('anna'), id, ctx.clock());
		expect(again.comments.slice(-2).map((c) => c.authorName)).toEqual(['Noor', 'Henk']);
	});

	it('the author hears of a neighbour’s comment (a snippet, in the digest by default), not of their own', async () => {
		const id = await propose(); // Anna's plan
		const anna = await f.actor('anna');
		const long = 'Goed plan! Ik help graag mee met het schilderen van de bankjes en ik neem ook mijn buurman mee, die kan goed timmeren.';
		await addComment(ctx, await f.actor('noor'), { proposalId: id, body: long });
		await addComment(ctx, anna, { proposalId: id, body: 'Dank je, Noor!' });
		const items = (await listInbox(ctx, anna)).items.filter((i) => i.type === 'proposal.comment' && i.subject_id === id);
		expect(items).toHaveLength(1);
		const nl = presentInboxItem(translator('nl'), 'http://x', items[0]);
		expect(nl.title).toMatch(/^Nieuwe reactie op uw plan: /);
		expect(nl.body).toContain('Goed plan! Ik help graag mee');
		expect(nl.body).toContain('…');
		expect(nl.body).not.toContain('timmeren');
		expect(nl.path).toBe(`/proposals/${id}`);
		const modes = await db.query<{ mode: string }>(`SELECT d.mode FROM notification_deliveries d JOIN notification_items i ON i.id = d.item_id WHERE i.type = 'proposal.comment' AND i.subject_id = $1`, [id]);
		expect(modes).toEqual([{ mode: 'digest' }]);
		// Off: the inbox keeps it, no e-mail goes out.
		await setPreferences(ctx, anna, { 'proposal.comment': 'off' });
		await addComment(ctx, await f.actor('bram'), { proposalId: id, body: 'Ik steun het.' });
		expect((await listInbox(ctx, anna)).items.filter((i) => i.type === 'proposal.comment' && i.subject_id === id)).toHaveLength(2);
		expect(await db.query(`SELECT 1 FROM notification_deliveries d JOIN notification_items i ON i.id = d.item_id WHERE i.type = 'proposal.comment' AND i.subject_id = $1`, [id])).toHaveLength(1);
	});
});
