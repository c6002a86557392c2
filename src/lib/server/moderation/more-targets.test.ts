import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { addComment, createProposal, deleteComment, editProposal, getProposalDetail, hideComment, listProposals, proposalModerationTarget } from '../proposals';
import { askHelpRequest, getRequestDetail, helpModerationTarget, postHelpMessage, publishHelpRequest, takeHelpRequest } from '../help';
import { getReviewItem, listBuurtQueue, listCorporationQueue, reportContent, reviewItem } from './index';
import { openModerationTests, type ModerationFixture } from './test-fixtures';
import type { Actor } from '../people';

/** Reporting beyond the board: proposal comments, proposal texts and help-thread messages (each resolved by its own module). */

let f: ModerationFixture;
beforeAll(async () => {
	f = await openModerationTests();
});

const code = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'ok';
	} catch (err) {
		if (err instanceof DomainError) return err.code;
		throw err;
	}
};
const itemOf = async (kind: string, contentId: string) =>
	(await f.db.query<{ id: string; state: string; needs_review: boolean; is_public: boolean; excerpt: string }>('SELECT id, state, needs_review, is_public, excerpt FROM moderation_items WHERE content_kind = $1 AND content_id = $2', [kind, contentId]))[0];

const proposalInput = (title = 'Een bankje bij de speeltuin', description = 'Zodat ouders kunnen zitten.') => ({ buurtId: f.linde, title, description, costCents: 45_000, place: 'Speeltuin', volunteers: 'Twee mensen' });

describe('moderation: proposal comments', () => {
	it('three households hide a comment: others read a placeholder, the author the words; staff keep it; their own hide still works', async () => {
		const anna = await f.actor('tenant');
		const proposal = await createProposal(f.ctx, anna, proposalInput());
		const author = await f.neighbour('Kees Reageerder');
		const comment = await addComment(f.ctx, author, { proposalId: proposal.id, body: 'Wat een dom plan, typisch.' });
		const report = async (who: Actor, id = comment.id) => reportContent(f.ctx, who, await proposalModerationTarget(f.db, who, { kind: 'proposal_comment', buurtId: f.linde, id: String(id) }), { reason: 'insult' });
		// Scope: another buurt's member, or the wrong buurt in the address, finds nothing; the author and staff do not report.
		expect(await code(proposalModerationTarget(f.db, await f.actor('piet'), { kind: 'proposal_comment', buurtId: f.linde, id: String(comment.id) }))).toBe('proposals.not_found');
		expect(await code(proposalModerationTarget(f.db, anna, { kind: 'proposal_comment', buurtId: f.beuken, id: String(comment.id) }))).toBe('proposals.not_found');
		expect(await code(report(author))).toBe('moderation.forbidden');
		expect(await code(report(await f.actor('employee')))).toBe('moderation.forbidden');

		const before = await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock());
		expect(before.comments.find((c) => c.id === comment.id)).toMatchObject({ canReport: true, body: 'Wat een dom plan, typisch.' });
		expect((await report(anna)).hidden).toBe(false);
		expect((await report(await f.actor('supervisor'))).hidden).toBe(false);
		expect((await report(await f.actor('helper'))).hidden).toBe(true);

		const forAnna = (await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock())).comments.find((c) => c.id === comment.id)!;
		expect(forAnna).toMatchObject({ body: null, deleted: false, hiddenReason: null, canReport: false, moderation: { state: 'hidden', showText: false } });
		const mine = (await getProposalDetail(f.db, author, proposal.id, f.ctx.clock())).comments.find((c) => c.id === comment.id)!;
		expect(mine).toMatchObject({ body: 'Wat een dom plan, typisch.', moderation: { state: 'hidden', showText: true } });
		// Hidden words are not reported again (the form would leak them).
		expect(await code(proposalModerationTarget(f.db, await f.actor('fatima'), { kind: 'proposal_comment', buurtId: f.linde, id: String(comment.id) }))).toBe('proposals.not_found');

		// Public content: the buurt's ambassador sees it in the queue; staff keep it, and it is back for everyone.
		const item = await itemOf('proposal_comment', String(comment.id));
		expect(item.is_public).toBe(true);
		expect((await listBuurtQueue(f.db, await f.actor('fatima'), { buurtId: f.linde })).items.map((i) => i.id)).toContain(item.id);
		await reviewItem(f.ctx, await f.actor('employee'), { itemId: item.id, decision: 'keep' });
		expect((await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock())).comments.find((c) => c.id === comment.id)).toMatchObject({ body: 'Wat een dom plan, typisch.', moderation: { state: 'visible' } });

		// The staff "hide comment" of proposals still works beside it, and a hidden-by-staff comment is not reported.
		const other = await addComment(f.ctx, author, { proposalId: proposal.id, body: 'Nog een slechte reactie.' });
		await hideComment(f.ctx, await f.actor('employee'), { proposalId: proposal.id, commentId: other.id, reason: 'Past niet bij de huisregels.' });
		expect((await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock())).comments.find((c) => c.id === other.id)).toMatchObject({ body: null, hiddenReason: 'Past niet bij de huisregels.', canReport: false });
		expect(await code(proposalModerationTarget(f.db, anna, { kind: 'proposal_comment', buurtId: f.linde, id: String(other.id) }))).toBe('proposals.not_found');

		// Deleting a reported comment takes its words out of moderation too.
		const third = await addComment(f.ctx, author, { proposalId: proposal.id, body: 'Ik trek het in.' });
		await report(anna, third.id);
		await deleteComment(f.ctx, author, { proposalId: proposal.id, commentId: third.id });
		expect(await itemOf('proposal_comment', String(third.id))).toMatchObject({ excerpt: '', needs_review: false });
	});
});

describe('moderation: proposal texts', () => {
	it('a proposal text is hidden by reports, hidden again by the ambassador with a reason, edited back into review and restored', async () => {
		const author = await f.neighbour('Gerrit Plannenmaker');
		const proposal = await createProposal(f.ctx, author, proposalInput('Een feest voor de straat', 'Alleen voor echte Nederlanders.'));
		const anna = await f.actor('tenant');
		const target = (who: Actor) => proposalModerationTarget(f.db, who, { kind: 'proposal_text', buurtId: f.linde, id: proposal.id });
		expect((await target(anna)).text).toContain('Alleen voor echte Nederlanders.');
		expect((await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock())).can.report).toBe(true);
		expect((await getProposalDetail(f.db, author, proposal.id, f.ctx.clock())).can.report).toBe(false);
		for (const who of ['tenant', 'supervisor', 'helper'] as const) await reportContent(f.ctx, await f.actor(who), await target(await f.actor(who)), { reason: 'discrimination' });

		// Others: the title stays, the description is gone (page, list and API alike); the author reads it.
		const forAnna = await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock());
		expect(forAnna).toMatchObject({ title: 'Een feest voor de straat', description: '', moderation: { state: 'hidden', showText: false }, can: { report: false } });
		const listed = (await listProposals(f.db, anna, { buurtId: f.linde }, f.ctx.clock())).find((p) => p.id === proposal.id)!;
		expect(listed.description).toBe('');
		expect((await getProposalDetail(f.db, author, proposal.id, f.ctx.clock())).description).toBe('Alleen voor echte Nederlanders.');

		// The ambassador hides it with a reason the author reads.
		const item = await itemOf('proposal_text', proposal.id);
		const fatima = await f.actor('fatima');
		await reviewItem(f.ctx, fatima, { itemId: item.id, decision: 'hide', reason: 'discrimination', note: 'Iedereen is welkom.' });
		expect((await getProposalDetail(f.db, author, proposal.id, f.ctx.clock())).moderation).toMatchObject({ state: 'hidden', showText: true, reason: 'discrimination', note: 'Iedereen is welkom.' });

		// The author edits within the proposal's edit window: it stays hidden and is back in review with the new words.
		await editProposal(f.ctx, author, { ...proposalInput('Een feest voor de straat', 'Voor iedereen in de straat.'), buurtId: undefined, proposalId: proposal.id });
		expect(await itemOf('proposal_text', proposal.id)).toMatchObject({ state: 'hidden', needs_review: true });
		expect((await itemOf('proposal_text', proposal.id)).excerpt).toContain('Voor iedereen in de straat.');
		expect((await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock())).description).toBe('');
		const page = await getReviewItem(f.db, fatima, { buurtId: f.linde, itemId: item.id }, f.ctx.clock());
		expect(page.item.editedAfterHide).toBe(true);

		// Restored: everyone reads the new text.
		await reviewItem(f.ctx, fatima, { itemId: item.id, decision: 'keep' });
		expect((await getProposalDetail(f.db, anna, proposal.id, f.ctx.clock())).description).toBe('Voor iedereen in de straat.');
		expect((await listProposals(f.db, anna, { buurtId: f.linde }, f.ctx.clock())).find((p) => p.id === proposal.id)!.description).toBe('Voor iedereen in de straat.');

		// Removed text is no longer edited.
		await reviewItem(f.ctx, await f.actor('employee'), { itemId: item.id, decision: 'remove', reason: 'other', note: 'Dubbel ingediend.' });
		expect(await code(editProposal(f.ctx, author, { ...proposalInput(), buurtId: undefined, proposalId: proposal.id }))).toBe('moderation.removed');
	});
});

describe('moderation: help-thread messages', () => {
	it('the other side reports a message to staff only: never in the ambassador’s queue; staff hide it and the other side reads a placeholder', async () => {
		const anna = await f.actor('tenant');
		const helper = await f.neighbour('Henk Helper');
		const request = await askHelpRequest(f.ctx, anna, { buurtId: f.linde, category: 'onderhoud_woning', title: 'Hulp bij de schutting', description: 'Wie helpt schilderen?', when: 'flexible', urgency: 'this_week', place: 'home' });
		await publishHelpRequest(f.ctx, await f.actor('employee'), { requestId: request.id, reason: 'Past goed.' });
		await takeHelpRequest(f.ctx, helper, { requestId: request.id });
		const m = await postHelpMessage(f.ctx, helper, { requestId: request.id, body: 'Geef me eerst je pincode maar.' });
		const mine = await postHelpMessage(f.ctx, anna, { requestId: request.id, body: 'Dat doe ik niet.' });
		const target = (who: Actor, id = m.id) => helpModerationTarget(f.db, who, { kind: 'help_message', buurtId: f.linde, id: String(id) });

		// Only the other side: not the writer, not one's own side, not the supervisor or the ambassador of the buurt.
		expect(await code(target(helper))).toBe('help.not_found');
		expect(await code(target(anna, mine.id))).toBe('help.not_found');
		expect(await code(target(await f.actor('fatima')))).toBe('help.not_found');
		expect(await code(target(await f.actor('piet')))).toBe('help.not_found');
		expect((await getRequestDetail(f.db, anna, request.id, f.ctx.clock())).messages!.map((x) => [x.id, x.canReport])).toEqual([
			[m.id, true],
			[mine.id, false]
		]);

		const t = await target(anna);
		expect(t).toMatchObject({ kind: 'help_message', isPublic: false, authorId: helper.accountId, path: `/help/${request.id}#message-${m.id}` });
		const { itemId } = await reportContent(f.ctx, anna, t, { reason: 'privacy' });

		// Staff's queue, not the ambassador's; she cannot open or decide it either.
		const fatima = await f.actor('fatima');
		expect((await listBuurtQueue(f.db, fatima, { buurtId: f.linde })).items.map((i) => i.id)).not.toContain(itemId);
		expect(await code(getReviewItem(f.db, fatima, { buurtId: f.linde, itemId }, f.ctx.clock()))).toBe('moderation.not_found');
		expect(await code(reviewItem(f.ctx, fatima, { itemId, decision: 'hide', reason: 'privacy' }))).toBe('moderation.not_found');
		const wim = await f.actor('employee');
		expect((await listCorporationQueue(f.db, wim)).map((i) => i.id)).toContain(itemId);
		expect((await listBuurtQueue(f.db, wim, { buurtId: f.linde })).items.map((i) => i.id)).toContain(itemId);

		// Staff hide it: the other side reads a placeholder, the writer the words with the reason.
		await reviewItem(f.ctx, wim, { itemId, decision: 'hide', reason: 'privacy', note: 'Vraag nooit om een pincode.' });
		const forAnna = (await getRequestDetail(f.db, anna, request.id, f.ctx.clock())).messages!.find((x) => x.id === m.id)!;
		expect(forAnna).toMatchObject({ body: '', canReport: false, moderation: { state: 'hidden', showText: false } });
		const forHelper = (await getRequestDetail(f.db, helper, request.id, f.ctx.clock())).messages!.find((x) => x.id === m.id)!;
		expect(forHelper).toMatchObject({ body: 'Geef me eerst je pincode maar.', moderation: { state: 'hidden', showText: true, reason: 'privacy', note: 'Vraag nooit om een pincode.' } });
	});
});
