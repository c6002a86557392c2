import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusFor } from '../shared/errors';
import { checkLedger } from '../ledger';
import { errorOf, key, openPotTests, type PotFixture } from '../pot/test-fixtures';
import { pdfBytes, pngWithText } from './test-fixtures';
import { getProposalDetail, payProposal } from '.';

/** A payout can never be paid twice: the payment and its transfer are named after the request's key. */

let f: PotFixture;
beforeAll(async () => {
	f = await openPotTests();
	await f.topUp('buurtpot', 500_000);
});
afterAll(() => f.close());

const DAY = 24 * 3600_000;
const payments = (proposalId: string) => f.count('buurtpot_payments WHERE proposal_id = $1', [proposalId]);

describe('a payout is paid once per key', () => {
	it('a retry with the same key after its idempotency row was deleted (days later) pays once', async () => {
		const id = await f.wonProposal(45_000);
		const k = key();
		const first = await f.pay(id, 30_000, { idempotencyKey: k, note: 'Bankje' });
		expect(first).toMatchObject({ amountCents: 30_000, paidCents: 30_000, remainingCents: 15_000, status: 'in_progress' });
		const balances = await f.balances();
		await f.db.query('DELETE FROM help_idempotency');
		f.ctx.advance(5 * DAY);
		const again = await f.pay(id, 30_000, { idempotencyKey: k, note: 'Bankje' });
		expect(again).toEqual(first);
		expect(await f.balances()).toEqual(balances);
		expect(await payments(id)).toBe(1);
		expect(await f.count('ledger_transfers WHERE id = $1', [first.transferId])).toBe(1);
		expect((await getProposalDetail(f.db, await f.actor('noor'), id, f.ctx.clock())).paidCents).toBe(30_000);
		// Even when the rest of the cost would not fit a second payment, the retry is the first one.
		await f.pay(id, 15_000);
		await f.db.query('DELETE FROM help_idempotency');
		expect(await f.pay(id, 30_000, { idempotencyKey: k, note: 'Bankje' })).toMatchObject({ id: first.id, transferId: first.transferId, amountCents: 30_000 });
		expect(await payments(id)).toBe(2);
		expect((await checkLedger(f.db)).ok).toBe(true);
	});

	it('a different amount (or payee) with the same key is refused (409), with or without its idempotency row', async () => {
		const id = await f.wonProposal(45_000);
		const k = key();
		await f.pay(id, 10_000, { idempotencyKey: k });
		const balances = await f.balances();
		for (const forget of [false, true]) {
			if (forget) await f.db.query('DELETE FROM help_idempotency');
			const e = await errorOf(f.pay(id, 12_000, { idempotencyKey: k }));
			expect([e.code, httpStatusFor(e.code)], `forgotten: ${forget}`).toEqual(['proposals.idempotency_mismatch', 409]);
			expect((await errorOf(f.pay(id, 10_000, { idempotencyKey: k, payee: 'Tegelhandel' }))).code).toBe('proposals.idempotency_mismatch');
		}
		// The same key for another proposal is another request's key too.
		const other = await f.wonProposal(45_000);
		expect((await errorOf(f.pay(other, 10_000, { idempotencyKey: k }))).code).toBe('proposals.idempotency_mismatch');
		expect(await f.balances()).toEqual(balances);
		expect([await payments(id), await payments(other)]).toEqual([1, 0]);
	});

	it('a 100-character key works', async () => {
		const id = await f.wonProposal(45_000);
		const long = 'p'.repeat(64) + key().slice(0, 36);
		expect(long).toHaveLength(100);
		const r = await f.pay(id, 5_000, { idempotencyKey: long });
		expect(r.transferId).toMatch(/^buurtpot\.payout:[0-9a-f]{64}$/);
		expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(await f.pay(id, 5_000, { idempotencyKey: long })).toEqual(r);
		expect(await payments(id)).toBe(1);
	});

	it('two submits of one payment at the same moment pay once', async () => {
		const id = await f.wonProposal(45_000);
		const k = key();
		const before = await f.balances();
		const results = await Promise.all([1, 2].map(() => f.pay(id, 4_000, { idempotencyKey: k })));
		expect(results[1]).toEqual(results[0]);
		expect((await f.balances()).buurtpot).toBe(before.buurtpot - 4_000);
		expect(await payments(id)).toBe(1);
	});

	it('without a key it is refused with a clear 400, and nothing is paid', async () => {
		const id = await f.wonProposal(45_000);
		const before = await f.balances();
		const e = await errorOf(payProposal(f.ctx, await f.actor('wim'), { proposalId: id, amountCents: 1_000, payee: 'Winkel' }, { field: 'receipt', bytes: pdfBytes() }));
		expect([e.code, e.fields]).toEqual(['validation.invalid', { idempotencyKey: 'pot.idempotency_key_required' }]);
		expect(await f.balances()).toEqual(before);
		expect(await payments(id)).toBe(0);
		// Another receipt with the same key is another request.
		const k = key();
		await f.pay(id, 1_000, { idempotencyKey: k });
		const other = payProposal(f.ctx, await f.actor('wim'), { proposalId: id, amountCents: 1_000, payee: 'Bouwmarkt Noaberveen', idempotencyKey: k }, { field: 'receipt', bytes: pngWithText() });
		expect((await errorOf(other)).code).toBe('proposals.idempotency_mismatch');
	});
});
