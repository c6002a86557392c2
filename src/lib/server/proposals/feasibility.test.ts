import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { createProposal } from './create-proposal';
import { editProposal } from './edit-proposal';
import { updateBuurtpotSettings } from './settings';
import { answerFeasibility } from './answer-feasibility';
import { getProposalDetail, listFeasibilityQueue } from './queries';
import { openProposalTests, errorOf, proposalInput, proposalSteps, reason, type ProposalFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { statusOf, count, propose, gatherSupport, proposalIn } = proposalSteps(() => f);

describe('feasibility', () => {
	it('is answered by staff with a reason everyone sees; the cost may be adjusted', async () => {
		const id = await proposalIn('feasibility');
		const wim = await f.actor('wim');
		expect((await listFeasibilityQueue(db, wim)).map((q) => q.id)).toContain(id);
		const e = await errorOf(answerFeasibility(ctx, wim, { proposalId: id, outcome: 'accept', reason: 'ok' }));
		expect(e.fields).toEqual({ reason: 'proposals.reason_required' });
		await answerFeasibility(ctx, wim, { proposalId: id, outcome: 'accept', reason: 'Een bankje kost bij onze leverancier € 400.', costCents: 40_000 });
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d).toMatchObject({ status: 'accepted', costCents: 40_000, requestedCostCents: 45_000 });
		expect(d.decision).toMatchObject({ outcome: 'accept', reason: 'Een bankje kost bij onze leverancier € 400.', byName: 'Wim' });
		expect(d.history.at(-1)).toMatchObject({ action: 'feasibility.accept', toStatus: 'accepted', actorName: 'Wim' });
		expect((await errorOf(answerFeasibility(ctx, wim, { proposalId: id, outcome: 'decline', reason }))).code).toBe('proposals.already_checked');
		expect(await count(`audit_log WHERE action = 'buurtpot.feasibility' AND subject = $1`, [`buurtpot_proposal:${id}`])).toBe(1);
	});

	it('sends a proposal back for changes; the author’s edit returns it to the check', async () => {
		const id = await proposalIn('needs_changes');
		const anna = await f.actor('anna');
		expect((await getProposalDetail(db, anna, id, ctx.clock())).can.edit).toBe(true);
		const r = await editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: id, description: 'Nu met een offerte van de leverancier erbij.' }));
		expect(r.status).toBe('feasibility');
		expect(await statusOf(id)).toBe('feasibility');
		await answerFeasibility(ctx, await f.actor('admin'), { proposalId: id, outcome: 'decline', reason: 'Op die plek mag geen bankje staan.' });
		expect(await statusOf(id)).toBe('declined');
	});

	it('is not for members; the tenants’ association only where the buurt allows it; never for one’s own', async () => {
		const id = await proposalIn('feasibility');
		expect((await errorOf(answerFeasibility(ctx, await f.actor('bram'), { proposalId: id, outcome: 'accept', reason }))).code).toBe('proposals.forbidden');
		const hanna = await f.actor('hanna');
		expect((await errorOf(answerFeasibility(ctx, hanna, { proposalId: id, outcome: 'accept', reason }))).code).toBe('proposals.forbidden');
		expect((await errorOf(answerFeasibility(ctx, await f.actor('olga'), { proposalId: id, outcome: 'accept', reason }))).code).toBe('proposals.not_found');
		const wim = await f.actor('wim');
		await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 5, supportDays: 30, associationChecks: true });
		try {
			expect((await listFeasibilityQueue(db, hanna)).map((q) => q.id)).toContain(id);
			expect((await errorOf(answerFeasibility(ctx, hanna, { proposalId: id, outcome: 'decline', reason, costCents: 100 }))).fields).toEqual({ costCents: 'proposals.cost_only_when_accepting' });
			await answerFeasibility(ctx, hanna, { proposalId: id, outcome: 'accept', reason });
			expect(await statusOf(id)).toBe('accepted');
		} finally {
			await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 5, supportDays: 30, associationChecks: false });
		}
		// Wim lives in the buurt too (in this test): he may not check his own proposal.
		const unit = (await db.query<{ unit_id: string }>('SELECT unit_id FROM memberships WHERE account_id = $1', [f.ids.h6]))[0].unit_id;
		await db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [f.ids.wim, unit]);
		try {
			const own = (await createProposal(ctx, await f.actor('wim'), proposalInput(f.lindebuurt))).id;
			await gatherSupport(own, 4);
			expect((await errorOf(answerFeasibility(ctx, await f.actor('wim'), { proposalId: own, outcome: 'accept', reason }))).code).toBe('proposals.own_proposal');
		} finally {
			await db.query('DELETE FROM memberships WHERE account_id = $1', [f.ids.wim]);
		}
	});

	it('cannot be answered during the support phase', async () => {
		const id = await propose();
		const e = await errorOf(answerFeasibility(ctx, await f.actor('wim'), { proposalId: id, outcome: 'accept', reason }));
		expect(e.code).toBe('proposals.not_ready_for_check');
	});
});
