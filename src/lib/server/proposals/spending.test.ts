import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { topUpBuurt } from '../pot';
import { payProposal } from './pay-proposal';
import { getProposalDetail, getUploadedFile } from './queries';
import { openProposalTests, errorOf, key, pdfBytes, pngWithText, proposalSteps, type ProposalFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { statusOf, count, proposalIn } = proposalSteps(() => f);

describe('spending', () => {
	const receipt = (bytes: Uint8Array = pdfBytes()) => ({ field: 'receipt', bytes });
	const potBalance = async () => Number((await db.query<{ balance: number }>(`SELECT balance FROM ledger_accounts WHERE kind = 'buurtpot' AND buurt_id = $1`, [f.lindebuurt]))[0]?.balance ?? 0);

	it('never pays more than the buurtpot holds, and writes nothing when it cannot', async () => {
		const id = await proposalIn('won');
		const wim = await f.actor('wim');
		const payments = await count('buurtpot_payments');
		const files = await count('buurtpot_files');
		const e = await errorOf(payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, amountCents: 20_000, payee: 'Bouwmarkt Noaberveen' }, receipt()));
		expect(e.code).toBe('pot.insufficient');
		expect(e.details).toMatchObject({ neededCents: 20_000 });
		expect(httpStatusFor(e.code)).toBe(400);
		expect([await count('buurtpot_payments'), await count('buurtpot_files'), await statusOf(id)]).toEqual([payments, files, 'won']);
	});

	it('pays in parts from the buurtpot with a receipt, visible to the buurt and audited', async () => {
		const id = await proposalIn('won');
		const wim = await f.actor('wim');
		await topUpBuurt(ctx, wim, { idempotencyKey: key(), buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 100_000, note: 'Startbedrag buurtpot' });
		const start = await potBalance();
		const first = await payProposal(ctx, wim, { proposalId: id, amountCents: 30_000, payee: 'Bouwmarkt Noaberveen', note: 'Bankje', idempotencyKey: key() }, receipt());
		expect(first).toMatchObject({ status: 'in_progress', paidCents: 30_000, remainingCents: 15_000 });
		expect(await potBalance()).toBe(start - 30_000);
		const e = await errorOf(payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, amountCents: 15_001, payee: 'Bouwmarkt' }, receipt()));
		expect(e).toMatchObject({ code: 'proposals.payment_exceeds_cost', details: { remainingCents: 15_000 } });
		await payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, amountCents: 15_000, payee: 'Tegelhandel', note: 'Tegels' }, receipt(pngWithText()));
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d.payments.map((p) => [p.amountCents, p.payee])).toEqual([
			[30_000, 'Bouwmarkt Noaberveen'],
			[15_000, 'Tegelhandel']
		]);
		expect(d).toMatchObject({ paidCents: 45_000, remainingCents: 0, status: 'in_progress', buurtpotCents: null });
		const rec = await getUploadedFile(db, await f.actor('noor'), d.payments[0].receiptId!);
		expect(rec.contentType).toBe('application/pdf');
		expect(await count(`audit_log WHERE action = 'buurtpot.payment' AND subject = $1`, [`buurtpot_proposal:${id}`])).toBe(2);
		expect(await count(`audit_log WHERE action = 'ledger.transfer' AND details->>'code' = 'buurtpot.payout' AND subject = $1`, [`ledger_transfer:${first.transferId}`])).toBe(1);
		const [entry] = await db.query<{ amount: number }>(
			`SELECT e.amount FROM ledger_entries e JOIN ledger_transfers t ON t.seq = e.transfer_seq JOIN ledger_accounts a ON a.id = e.account_id WHERE t.id = $1 AND a.kind = 'expense'`,
			[first.transferId]
		);
		expect(Number(entry.amount)).toBe(30_000);
	});

	it('refuses bad payments with clear messages', async () => {
		const id = await proposalIn('won');
		const wim = await f.actor('wim');
		const cases: [Record<string, unknown>, ReturnType<typeof receipt> | null, string, Record<string, string>][] = [
			[{ amountCents: 0, payee: 'Winkel' }, receipt(), 'validation.invalid', { amountCents: 'proposals.amount_positive' }],
			[{ amountCents: 10.5, payee: 'Winkel' }, receipt(), 'validation.invalid', { amountCents: 'proposals.amount_whole_cents' }],
			[{ amountCents: 100, payee: '' }, receipt(), 'validation.invalid', { payee: 'proposals.payee_required' }],
			[{ amountCents: 100, payee: 'Winkel' }, null, 'validation.invalid', { receipt: 'proposals.receipt_required' }],
			[{ amountCents: 100, payee: 'Winkel' }, receipt(Uint8Array.from(Buffer.from('hello'))), 'validation.invalid', { receipt: 'proposals.receipt_type' }]
		];
		for (const [input, file, code, fields] of cases) {
			const e = await errorOf(payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, ...input }, file));
			expect([e.code, e.fields], JSON.stringify(input)).toEqual([code, fields]);
		}
		expect((await errorOf(payProposal(ctx, await f.actor('anna'), { idempotencyKey: key(), proposalId: id, amountCents: 100, payee: 'Winkel' }, receipt()))).code).toBe('proposals.forbidden');
		expect((await errorOf(payProposal(ctx, await f.actor('olga'), { idempotencyKey: key(), proposalId: id, amountCents: 100, payee: 'Winkel' }, receipt()))).code).toBe('proposals.not_found');
		const notWon = await proposalIn('accepted');
		expect((await errorOf(payProposal(ctx, wim, { idempotencyKey: key(), proposalId: notWon, amountCents: 100, payee: 'Winkel' }, receipt()))).code).toBe('proposals.not_payable');
	});

	it('names every problem of the payment form at once, each on its field', async () => {
		const id = await proposalIn('won');
		const wim = await f.actor('wim');
		let e = await errorOf(payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, amountCents: 'veel', payee: '' }, null));
		expect([e.code, e.fields]).toEqual(['validation.invalid', { amountCents: 'proposals.amount_invalid', payee: 'proposals.payee_required', receipt: 'proposals.receipt_required' }]);
		// A readable amount that is more than the plan still needs is named too, with a bad receipt.
		e = await errorOf(payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, amountCents: 99_999_999, payee: 'Winkel' }, receipt(Uint8Array.from(Buffer.from('hello')))));
		expect([e.code, e.fields]).toEqual(['validation.invalid', { amountCents: 'proposals.payment_exceeds_cost', receipt: 'proposals.receipt_type' }]);
	});

	it('cannot overdraw the buurtpot with payments at the same moment', async () => {
		const wim = await f.actor('wim');
		const a = await proposalIn('won', { costCents: 500_000 });
		const b = await proposalIn('won', { costCents: 500_000 });
		const balance = await potBalance();
		const part = Math.floor(balance / 2) + 1;
		const results = await Promise.allSettled([a, b].map((proposalId) => payProposal(ctx, wim, { idempotencyKey: key(), proposalId, amountCents: part, payee: 'Winkel' }, receipt())));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(failed.reason.code).toBe('pot.insufficient');
		expect(await potBalance()).toBe(balance - part);
	});
});
