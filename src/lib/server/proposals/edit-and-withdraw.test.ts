import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { editProposal, withdrawProposal } from './edit-proposal';
import { supportProposal } from './support-proposal';
import { getProposalDetail } from './queries';
import { openProposalTests, errorOf, proposalInput, proposalSteps, type ProposalFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { statusOf, propose, proposalIn } = proposalSteps(() => f);

describe('editing and withdrawing', () => {
	it('lets the author edit within 24 hours and before another household supports', async () => {
		const anna = await f.actor('anna');
		const id = await propose();
		await editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: id, buurtId: undefined, title: 'Twee bankjes bij de speeltuin', costCents: 90_000 }));
		const d = await getProposalDetail(db, anna, id, ctx.clock());
		expect(d).toMatchObject({ title: 'Twee bankjes bij de speeltuin', costCents: 90_000 });
		expect(d.history.map((h) => h.action)).toEqual(['propose', 'edit']);
		expect((await errorOf(editProposal(ctx, await f.actor('noor'), proposalInput(f.lindebuurt, { proposalId: id })))).code).toBe('proposals.forbidden');
		await supportProposal(ctx, await f.actor('noor'), { proposalId: id });
		const e = await errorOf(editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: id })));
		expect(e.code).toBe('proposals.edit_closed');
		const later = await propose();
		ctx.advance(25 * 3600 * 1000);
		try {
			expect((await errorOf(editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: later })))).code).toBe('proposals.edit_closed');
		} finally {
			ctx.advance(-25 * 3600 * 1000);
		}
	});

	it('lets the author withdraw until the vote, not after', async () => {
		const anna = await f.actor('anna');
		for (const status of ['support', 'feasibility', 'needs_changes', 'accepted'] as const) {
			const id = await proposalIn(status);
			expect((await errorOf(withdrawProposal(ctx, await f.actor('noor'), { proposalId: id }))).code).toBe('proposals.forbidden');
			expect(await withdrawProposal(ctx, anna, { proposalId: id, reason: 'We doen het anders.' })).toEqual({ id, status: 'withdrawn' });
			expect((await errorOf(withdrawProposal(ctx, anna, { proposalId: id }))).code).toBe('proposals.already_withdrawn');
		}
		for (const status of ['in_vote', 'won', 'lost', 'declined'] as const) {
			const id = await proposalIn(status);
			const e = await errorOf(withdrawProposal(ctx, anna, { proposalId: id }));
			expect(e.code, status).toBe('proposals.withdraw_closed');
			expect(await statusOf(id)).toBe(status);
		}
	});
});
