import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { listProposals } from './list-proposals';
import { markProposalsForRound } from './mark-for-round';
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

const { statusOf, propose, proposalIn } = proposalSteps(() => f);

describe('the contract with the voting part', () => {
	it('lists accepted proposals and moves them through a round', async () => {
		const a = await proposalIn('accepted');
		const b = await proposalIn('accepted');
		const wim = await f.actor('wim');
		const accepted = (await listProposals(db, wim, { buurtId: f.lindebuurt, status: 'accepted' }, ctx.clock())).map((p) => p.id);
		expect(accepted).toEqual(expect.arrayContaining([a, b]));
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [a, b], status: 'in_vote', at: ctx.clock(), actorId: f.ids.wim, roundId: 'r-1' }));
		// Idempotent.
		expect((await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [a, b], status: 'in_vote', at: ctx.clock() }))).changed).toEqual([]);
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [a], status: 'won', at: ctx.clock() }));
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [b], status: 'lost', at: ctx.clock() }));
		expect([await statusOf(a), await statusOf(b)]).toEqual(['won', 'lost']);
		expect((await listProposals(db, wim, { buurtId: f.lindebuurt, status: ['won', 'lost'] }, ctx.clock())).map((p) => p.id)).toEqual(expect.arrayContaining([a, b]));
	});

	it('moves all or nothing, refusing a proposal that is not ready', async () => {
		const ok = await proposalIn('accepted');
		const notReady = await propose();
		const e = await errorOf(db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [ok, notReady], status: 'in_vote', at: ctx.clock() })));
		expect(e).toMatchObject({ code: 'proposals.status_conflict', details: { proposalId: notReady, status: 'support' } });
		expect(await statusOf(ok)).toBe('accepted');
		expect((await errorOf(db.transaction((tx) => markProposalsForRound(tx, { proposalIds: ['00000000-0000-4000-8000-000000000000'], status: 'in_vote', at: ctx.clock() })))).code).toBe('proposals.not_found');
		// A cancelled round puts them back.
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [ok], status: 'in_vote', at: ctx.clock() }));
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [ok], status: 'accepted', at: ctx.clock() }));
		expect(await statusOf(ok)).toBe('accepted');
	});

	it('hides another buurt’s proposals (404)', async () => {
		expect((await errorOf(listProposals(db, await f.actor('olga'), { buurtId: f.lindebuurt }, ctx.clock()))).code).toBe('proposals.not_found');
		expect((await errorOf(getProposalDetail(db, await f.actor('olga'), await propose(), ctx.clock()))).code).toBe('proposals.not_found');
		// The tenants' association sees them (and may be asked to check).
		expect((await listProposals(db, await f.actor('hanna'), { buurtId: f.lindebuurt }, ctx.clock())).length).toBeGreaterThan(0);
	});
});
