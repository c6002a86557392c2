import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { addComment, deleteComment } from './comments';
import { getProposalDetail } from './queries';
import { openProposalTests, errorOf, proposalSteps, type ProposalFixture } from './test-fixtures';

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
});
