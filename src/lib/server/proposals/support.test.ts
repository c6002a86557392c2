import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { DAY_MS } from './model';
import { listProposals } from './list-proposals';
import { updateBuurtpotSettings } from './settings';
import { expireSupportPhases, supportProposal } from './support-proposal';
import { getProposalDetail } from './queries';
import { openProposalTests, errorOf, proposalSteps, type Who, type ProposalFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { statusOf, count, propose, supporters } = proposalSteps(() => f);

describe('support phase', () => {
	it('counts households, not persons, and goes on to feasibility at N', async () => {
		const id = await propose();
		const sanne = await f.actor('sanne');
		let e = await errorOf(supportProposal(ctx, sanne, { proposalId: id }));
		expect(e.code).toBe('proposals.already_supported_by_household');
		expect(httpStatusFor(e.code)).toBe(409);
		e = await errorOf(supportProposal(ctx, await f.actor('anna'), { proposalId: id }));
		expect(e.code).toBe('proposals.already_supported');
		await supportProposal(ctx, await f.actor('bram'), { proposalId: id });
		e = await errorOf(supportProposal(ctx, await f.actor('bram'), { proposalId: id }));
		expect(e.code).toBe('proposals.already_supported');
		for (const who of ['noor', 'h1'] as Who[]) await supportProposal(ctx, await f.actor(who), { proposalId: id });
		expect(await statusOf(id)).toBe('support');
		const last = await supportProposal(ctx, await f.actor('h2'), { proposalId: id });
		expect(last).toMatchObject({ status: 'feasibility', supportCount: 5, supportNeeded: 5 });
		expect(await count('buurtpot_supports WHERE proposal_id = $1', [id])).toBe(5);
		// Over: no more supports needed or taken.
		expect((await errorOf(supportProposal(ctx, await f.actor('h3'), { proposalId: id }))).code).toBe('proposals.support_closed');
	});

	it('is for members of the buurt only: another buurt gets a 404, staff a 403', async () => {
		const id = await propose();
		const e = await errorOf(supportProposal(ctx, await f.actor('olga'), { proposalId: id }));
		expect(e.code).toBe('proposals.not_found');
		expect(httpStatusFor(e.code)).toBe(404);
		expect((await errorOf(supportProposal(ctx, await f.actor('wim'), { proposalId: id }))).code).toBe('proposals.forbidden');
		expect((await errorOf(supportProposal(ctx, await f.actor('carla'), { proposalId: id }))).code).toBe('proposals.not_found');
		expect((await errorOf(supportProposal(ctx, await f.actor('bram'), { proposalId: 'not-a-uuid' }))).code).toBe('proposals.not_found');
	});

	it('keeps the count right under concurrent supports', async () => {
		const id = await propose();
		const results = await Promise.allSettled(supporters.map(async (who) => supportProposal(ctx, await f.actor(who), { proposalId: id })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
		const [row] = await db.query<{ support_count: number; status: string }>('SELECT support_count, status FROM buurtpot_proposals WHERE id = $1', [id]);
		expect(row).toEqual({ support_count: 5, status: 'feasibility' });
		expect(await count('buurtpot_supports WHERE proposal_id = $1', [id])).toBe(5);
		expect(await count(`buurtpot_proposal_history WHERE proposal_id = $1 AND action = 'support_reached'`, [id])).toBe(1);
	});

	it('expires when the deadline passes without enough households', async () => {
		const id = await propose();
		await supportProposal(ctx, await f.actor('bram'), { proposalId: id });
		ctx.advance(30 * DAY_MS + 1000);
		try {
			const e = await errorOf(supportProposal(ctx, await f.actor('noor'), { proposalId: id }));
			expect(e.code).toBe('proposals.support_closed');
			const [listed] = (await listProposals(db, await f.actor('noor'), { buurtId: f.lindebuurt }, ctx.clock())).filter((p) => p.id === id);
			expect(listed.status).toBe('expired');
			expect(await expireSupportPhases(ctx)).toBeGreaterThanOrEqual(1);
			expect(await statusOf(id)).toBe('expired');
			expect(await expireSupportPhases(ctx)).toBe(0);
		} finally {
			ctx.advance(-(30 * DAY_MS + 1000));
		}
	});

	it('uses the buurt’s own N and period, set by staff', async () => {
		const wim = await f.actor('wim');
		expect((await errorOf(updateBuurtpotSettings(ctx, await f.actor('anna'), { buurtId: f.lindebuurt, supportHouseholds: 2, supportDays: 10 }))).code).toBe('proposals.forbidden');
		expect((await errorOf(updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 0, supportDays: 10 }))).fields).toEqual({ supportHouseholds: 'proposals.settings_number' });
		await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 2, supportDays: 10 });
		try {
			const id = await propose();
			const d = await getProposalDetail(db, wim, id, ctx.clock());
			expect(d.supportNeeded).toBe(2);
			expect(new Date(d.supportDeadline).getTime() - ctx.clock().getTime()).toBe(10 * DAY_MS);
			expect((await supportProposal(ctx, await f.actor('noor'), { proposalId: id })).status).toBe('feasibility');
		} finally {
			await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 5, supportDays: 30 });
		}
	});
});
