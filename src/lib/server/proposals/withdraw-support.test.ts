import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { DAY_MS } from './model';
import { supportProposal, withdrawSupport } from './support-proposal';
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

const { statusOf, count, propose } = proposalSteps(() => f);

describe('withdrawing support', () => {
	it('takes back one household’s support while the support phase runs, and it can be given again', async () => {
		const id = await propose();
		const bram = await f.actor('bram');
		await supportProposal(ctx, bram, { proposalId: id });
		expect((await getProposalDetail(db, bram, id, ctx.clock())).can).toMatchObject({ support: false, withdrawSupport: true });
		expect(await withdrawSupport(ctx, bram, { proposalId: id })).toMatchObject({ status: 'support', supportCount: 1, supportNeeded: 5 });
		expect(await count('buurtpot_supports WHERE proposal_id = $1', [id])).toBe(1);
		const after = await getProposalDetail(db, bram, id, ctx.clock());
		expect([after.supportCount, after.supportedByMe, after.can.support, after.can.withdrawSupport]).toEqual([1, false, true, false]);
		const e = await errorOf(withdrawSupport(ctx, bram, { proposalId: id }));
		expect([e.code, httpStatusFor(e.code)]).toEqual(['proposals.not_supported', 409]);
		expect(await supportProposal(ctx, bram, { proposalId: id })).toMatchObject({ supportCount: 2 });
	});

	it('is one’s own: not a housemate’s, not the author’s, not another buurt’s, not staff', async () => {
		const id = await propose('bram');
		await supportProposal(ctx, await f.actor('anna'), { proposalId: id });
		// Sanne lives with Anna: the household supports, but it is Anna's support to take back.
		expect((await errorOf(withdrawSupport(ctx, await f.actor('sanne'), { proposalId: id }))).code).toBe('proposals.not_supported');
		expect((await errorOf(withdrawSupport(ctx, await f.actor('bram'), { proposalId: id }))).code).toBe('proposals.author_support');
		expect((await errorOf(withdrawSupport(ctx, await f.actor('olga'), { proposalId: id }))).code).toBe('proposals.not_found');
		expect((await errorOf(withdrawSupport(ctx, await f.actor('wim'), { proposalId: id }))).code).toBe('proposals.forbidden');
		expect(await count('buurtpot_supports WHERE proposal_id = $1', [id])).toBe(2);
	});

	it('ends with the support phase: once enough households supported, or after the deadline', async () => {
		const id = await propose();
		for (const who of ['bram', 'noor', 'h1', 'h2'] as const) await supportProposal(ctx, await f.actor(who), { proposalId: id });
		expect(await statusOf(id)).toBe('feasibility');
		const e = await errorOf(withdrawSupport(ctx, await f.actor('noor'), { proposalId: id }));
		expect([e.code, httpStatusFor(e.code), e.details.status]).toEqual(['proposals.support_closed', 409, 'feasibility']);
		const late = await propose();
		await supportProposal(ctx, await f.actor('h3'), { proposalId: late });
		ctx.advance(31 * DAY_MS);
		expect((await errorOf(withdrawSupport(ctx, await f.actor('h3'), { proposalId: late }))).code).toBe('proposals.support_closed');
		expect(await count('buurtpot_supports WHERE proposal_id = $1', [late])).toBe(2);
	});
});
