import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { DAY_MS } from './model';
import { createProposal } from './create-proposal';
import { findSimilarProposals } from './similarity';
import { withdrawProposal } from './edit-proposal';
import { getProposalDetail, listProposalBuurten } from './queries';
import { listProposals } from './list-proposals';
import { openProposalTests, errorOf, key, proposalInput, proposalSteps, type Who, type ProposalFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { count, propose } = proposalSteps(() => f);

describe('proposing', () => {
	it('starts the support phase with the author’s household as the first supporter', async () => {
		const anna = await f.actor('anna');
		const r = await createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: key() }));
		expect(r.status).toBe('support');
		const d = await getProposalDetail(db, anna, r.id, ctx.clock());
		expect(d).toMatchObject({ supportCount: 1, supportNeeded: 5, supportedByMyHousehold: true, supportedByMe: true, isMine: true, authorName: 'Anna' });
		expect(new Date(d.supportDeadline).getTime() - ctx.clock().getTime()).toBe(30 * DAY_MS);
		expect(d.can).toMatchObject({ edit: true, withdraw: true, support: false, check: false });
		expect(d.history.map((h) => h.action)).toEqual(['propose']);
	});

	it('takes the cost from a breakdown, or checks that cost and breakdown agree', async () => {
		const anna = await f.actor('anna');
		const lines = [
			{ label: 'Bankje', cents: 30_000 },
			{ label: 'Tegels en zand', cents: 4_550 }
		];
		const r = await createProposal(ctx, anna, proposalInput(f.lindebuurt, { costCents: undefined, costLines: lines }));
		const d = await getProposalDetail(db, anna, r.id, ctx.clock());
		expect(d.costCents).toBe(34_550);
		expect(d.costLines).toEqual(lines);
		expect((await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt, { costCents: 40_000, costLines: lines })))).fields).toEqual({ costCents: 'proposals.cost_lines_mismatch' });
	});

	it('refuses bad input with a message per field, and writes nothing', async () => {
		const anna = await f.actor('anna');
		const before = await count('buurtpot_proposals');
		const cases: [Record<string, unknown>, Record<string, string>][] = [
			[{ costCents: 0 }, { costCents: 'proposals.cost_positive' }],
			[{ costCents: -500 }, { costCents: 'proposals.cost_positive' }],
			[{ costCents: 1234.5 }, { costCents: 'proposals.cost_whole_cents' }],
			[{ costCents: 'veel' }, { costCents: 'proposals.cost_invalid' }],
			[{ costCents: 500_000_000 }, { costCents: 'proposals.cost_too_big' }],
			[{ costCents: undefined }, { costCents: 'proposals.cost_required' }],
			[{ title: 'ab' }, { title: 'proposals.title_too_short' }],
			[{ title: 'x'.repeat(121) }, { title: 'validation.too_long' }],
			[{ description: '' }, { description: 'validation.required' }],
			[{ description: 'x'.repeat(4001) }, { description: 'validation.too_long' }],
			[{ place: 'x'.repeat(201) }, { place: 'validation.too_long' }],
			[{ volunteers: 'x'.repeat(1001) }, { volunteers: 'validation.too_long' }],
			[{ costCents: undefined, costLines: [{ label: '', cents: 100 }] }, { 'costLines.0.label': 'proposals.line_label_required' }]
		];
		for (const [over, fields] of cases) {
			const e = await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt, over)));
			expect(e.code, JSON.stringify(over)).toBe('validation.invalid');
			expect(e.fields, JSON.stringify(over)).toEqual(fields);
			expect(httpStatusFor(e.code)).toBe(400);
		}
		expect(await count('buurtpot_proposals')).toBe(before);
	});

	it('lets only members of the buurt propose; another buurt is not found, whatever the body says', async () => {
		// Staff and the linked tenants' association see the buurt's proposals but do not propose (403).
		for (const who of ['wim', 'hanna'] as Who[]) {
			const e = await errorOf(createProposal(ctx, await f.actor(who), proposalInput(f.lindebuurt)));
			expect(e.code).toBe('proposals.forbidden');
			expect(e.fields).toEqual({ buurtId: 'proposals.not_your_buurt' });
		}
		// Another corporation's staff do not see it at all (404), also with a body that is not valid.
		expect((await errorOf(createProposal(ctx, await f.actor('olga'), proposalInput(f.lindebuurt)))).code).toBe('proposals.not_found');
		expect((await errorOf(createProposal(ctx, await f.actor('olga'), { buurtId: f.lindebuurt, title: '' }))).code).toBe('proposals.not_found');
	});

	it('shows the tenants’ association the proposals of its linked buurt only', async () => {
		const hanna = await f.actor('hanna');
		await expect(listProposals(db, hanna, { buurtId: f.lindebuurt }, ctx.clock())).resolves.toBeInstanceOf(Array);
		expect((await errorOf(listProposals(db, hanna, { buurtId: f.beukenbuurt }, ctx.clock()))).code).toBe('proposals.not_found');
		expect((await listProposalBuurten(db, hanna)).map((b) => b.id)).toEqual([f.lindebuurt]);
		// Someone who sees several buurten must name one (400), not a 404.
		expect((await errorOf(listProposals(db, await f.actor('wim'), { buurtId: undefined }, ctx.clock()))).fields).toEqual({ buurtId: 'proposals.buurt_required' });
	});

	it('makes one proposal from a double submit, and refuses a key reused for other content', async () => {
		const anna = await f.actor('anna');
		const k = key();
		const before = await count('buurtpot_proposals');
		const [a, b] = await Promise.all([
			createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: k })),
			createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: k }))
		]);
		expect(a.id).toBe(b.id);
		expect(await count('buurtpot_proposals')).toBe(before + 1);
		const e = await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: k, costCents: 1 })));
		expect(e.code).toBe('proposals.idempotency_mismatch');
		expect(httpStatusFor(e.code)).toBe(409);
	});

	it('shows similar live proposals of the buurt before proposing', async () => {
		const noor = await f.actor('noor');
		const id = await propose('anna', { title: 'Nieuwe bankjes bij de speeltuin Lindehof' });
		const withdrawn = await propose('anna', { title: 'Bankjes voor het plein' });
		await withdrawProposal(ctx, await f.actor('anna'), { proposalId: withdrawn });
		const similar = await findSimilarProposals(db, noor, { buurtId: f.lindebuurt, title: 'Een bankje in de speeltuin' }, ctx.clock());
		expect(similar.map((s) => s.id)).toContain(id);
		expect(similar.map((s) => s.id)).not.toContain(withdrawn);
		expect(similar.length).toBeLessThanOrEqual(5);
		expect(await findSimilarProposals(db, noor, { buurtId: f.lindebuurt, title: 'Zonnepanelen op het dak' }, ctx.clock())).toEqual([]);
		expect((await errorOf(findSimilarProposals(db, await f.actor('olga'), { buurtId: f.lindebuurt, title: 'bankje' }, ctx.clock()))).code).toBe('proposals.not_found');
	});
});
