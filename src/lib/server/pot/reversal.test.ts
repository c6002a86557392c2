import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusFor } from '../shared/errors';
import { translator } from '$lib/i18n';
import { checkLedger, ensureBuurtAccounts, transfer } from '../ledger';
import { loadActor } from '../people';
import { REWARD_CODE } from '../help';
import { getProposalDetail, reversePotTransfer } from '../proposals';
import { POST as postReversal } from '../../../routes/api/v1/buurten/[id]/pot/reversals/+server';
import { errorOf, key, openPotTests, type PotFixture } from './test-fixtures';
import { getPotOverview, topUpBuurt } from '.';

/** Staff reverse a top-up or payout booked wrongly; the buurt sees it and why. */

let f: PotFixture;
beforeAll(async () => {
	f = await openPotTests();
});
afterAll(() => f.close());

const reason = 'Dubbel geboekt: de factuur was al betaald.';
const reverse = async (transferId: string, over: Record<string, unknown> = {}, who: 'wim' | 'anna' | 'olga' | 'admin' = 'wim') =>
	reversePotTransfer(f.ctx, await f.actor(who), { buurtId: f.lindebuurt, transferId, reason, idempotencyKey: key(), ...over });
const overview = async (who: 'wim' | 'anna' = 'anna') => getPotOverview(f.db, await f.actor(who), { buurtId: f.lindebuurt });
const movement = async (transferId: string, who: 'wim' | 'anna' = 'anna') => (await overview(who)).movements.find((m) => m.transferId === transferId)!;
/** A reward as the help flow books it (funding → buurtpot), straight through the ledger. */
async function reward(cents: number) {
	const { funding, buurtpot } = await ensureBuurtAccounts(f.db, { buurtId: f.lindebuurt, at: f.ctx.clock() });
	return transfer(f.db, { id: `${REWARD_CODE}:${randomUUID()}`, code: REWARD_CODE, legs: [{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: cents, attributedTo: f.ids.noor, code: 'helper' }], actorId: null, at: f.ctx.clock() });
}

describe('reversing a top-up', () => {
	it('takes the money back; the buurt sees the reversal with its reason, and the top-up marked reversed', async () => {
		const top = await f.topUp('buurtpot', 12_345, { note: 'Per ongeluk twee keer' });
		const before = await f.balances();
		const r = await reverse(top.transferId);
		expect(r).toMatchObject({ transferId: top.transferId, kind: 'top_up', amountCents: 12_345, reason, buurtpotCents: before.buurtpot - 12_345 });
		expect(await f.balances()).toEqual({ ...before, buurtpot: before.buurtpot - 12_345 });

		const anna = await overview('anna');
		const shown = anna.movements.find((m) => m.transferId === r.reversalId)!;
		expect(shown).toMatchObject({ kind: 'reversal', reason, reversesId: top.transferId, buurtpotCents: -12_345, reversible: false });
		expect(anna.movements.find((m) => m.transferId === top.transferId)).toMatchObject({ reversedById: r.reversalId, reversible: false });
		expect(translator('nl')('pot.movement.reversal_reason', { reason })).toBe(`Teruggedraaid: ${reason}`);
		expect(translator('en')('pot.movement.reversal_reason', { reason })).toBe(`Reversed: ${reason}`);
		expect(await f.count(`audit_log WHERE action = 'pot.reversal' AND subject = $1 AND details->>'reason' = $2`, [`ledger_transfer:${top.transferId}`, reason])).toBe(1);
		expect(await f.count(`audit_log WHERE action = 'ledger.reversal'`)).toBeGreaterThanOrEqual(1);
		expect((await checkLedger(f.db)).ok).toBe(true);
	});

	it('a top-up of the funding account can be reversed; staff see which movements they may reverse', async () => {
		const top = await f.topUp('funding', 4_000);
		expect((await movement(top.transferId, 'wim')).reversible).toBe(true);
		expect((await movement(top.transferId, 'anna')).reversible).toBe(false);
		const before = await f.balances();
		await reverse(top.transferId);
		expect(await f.balances()).toEqual({ ...before, funding: before.funding - 4_000 });
	});
});

describe('who may reverse what', () => {
	it('only staff of the buurt’s corporation; outside the buurt it is not found, whatever the body says', async () => {
		const top = await f.topUp('buurtpot', 1_000);
		// A member sees the pot but may not move money (403); another corporation's staff do not see it (404).
		expect(await errorOf(reverse(top.transferId, {}, 'anna')).then((e) => [e.code, httpStatusFor(e.code)])).toEqual(['pot.forbidden', 403]);
		expect(await errorOf(reverse(top.transferId, {}, 'olga')).then((e) => [e.code, httpStatusFor(e.code)])).toEqual(['pot.not_found', 404]);
		expect(await errorOf(reverse(top.transferId, { reason: '' }, 'olga')).then((e) => e.code)).toBe('pot.not_found');
		const [corp] = await f.db.query<{ id: string }>(`INSERT INTO corporations (name) VALUES ('Andere Woonstichting') RETURNING id`);
		const [other] = await f.db.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('elders@example.test', 'Eva Elders') RETURNING id`);
		await f.db.query(`INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, 'admin')`, [other.id, corp.id]);
		const eva = (await loadActor(f.db, other.id, f.ctx.clock()))!;
		const e = await errorOf(reversePotTransfer(f.ctx, eva, { buurtId: f.lindebuurt, transferId: top.transferId, reason, idempotencyKey: key() }));
		expect(e.code).toBe('pot.not_found');
		expect((await movement(top.transferId)).reversedById).toBeNull();
	});

	it('only top-ups and payouts of this buurt: another buurt’s transfer and an unknown one are not found; a reward is refused', async () => {
		const elsewhere = await topUpBuurt(f.ctx, await f.actor('wim'), { buurtId: f.beukenbuurt, account: 'buurtpot', amountCents: 1_000, note: 'Beukenbuurt', idempotencyKey: key() });
		for (const id of [elsewhere.transferId, 'pot.top_up:nothing-here']) {
			const e = await errorOf(reverse(id));
			expect([e.code, httpStatusFor(e.code)]).toEqual(['pot.transfer_not_found', 404]);
		}
		await f.topUp('funding', 1_000);
		const r = await reward(500);
		const e = await errorOf(reverse(r.id));
		expect([e.code, httpStatusFor(e.code), e.details]).toEqual(['pot.not_reversible', 400, { kind: 'reward' }]);
		expect(translator('nl')(`errors.${e.code}`)).toMatch(/beloning draait u terug bij de hulpvraag/);
	});

	it('a reversal cannot be reversed, and a transfer is reversed only once', async () => {
		const top = await f.topUp('buurtpot', 2_000);
		const r = await reverse(top.transferId);
		const rr = await errorOf(reverse(r.reversalId));
		expect([rr.code, httpStatusFor(rr.code)]).toEqual(['pot.reversal_not_reversible', 400]);
		const twice = await errorOf(reverse(top.transferId));
		expect([twice.code, httpStatusFor(twice.code)]).toEqual(['pot.already_reversed', 409]);
		expect(await f.count('ledger_transfers WHERE reverses_id = $1', [top.transferId])).toBe(1);
	});

	it('two staff reversing the same transfer at the same moment: one reversal', async () => {
		const top = await f.topUp('buurtpot', 3_000);
		const before = await f.balances();
		const results = await Promise.allSettled([reverse(top.transferId), reverse(top.transferId, {}, 'admin')]);
		expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
		expect((results.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('pot.already_reversed');
		expect((await f.balances()).buurtpot).toBe(before.buurtpot - 3_000);
	});

	it('is idempotent: the same key returns the first reversal, also after its idempotency row was pruned; another reason with it is refused', async () => {
		const top = await f.topUp('buurtpot', 1_500);
		const k = key();
		const first = await reverse(top.transferId, { idempotencyKey: k });
		const after = await f.balances();
		expect(await reverse(top.transferId, { idempotencyKey: k })).toEqual(first);
		await f.db.query('DELETE FROM help_idempotency');
		expect(await reverse(top.transferId, { idempotencyKey: k })).toEqual(first);
		expect((await errorOf(reverse(top.transferId, { idempotencyKey: k, reason: 'Een andere reden.' }))).code).toBe('pot.idempotency_mismatch');
		expect(await f.balances()).toEqual(after);
		expect(await f.count(`audit_log WHERE action = 'pot.reversal' AND subject = $1`, [`ledger_transfer:${top.transferId}`])).toBe(1);
	});

	it('needs a reason and a key', async () => {
		const top = await f.topUp('buurtpot', 1_000);
		expect((await errorOf(reverse(top.transferId, { reason: ' ' }))).fields).toEqual({ reason: 'pot.reason_required' });
		expect((await errorOf(reverse(top.transferId, { idempotencyKey: undefined }))).fields).toEqual({ idempotencyKey: 'pot.idempotency_key_required' });
	});
});

describe('a reversal never overdraws', () => {
	it('refuses to take the buurtpot below zero, and says how much is in it', async () => {
		const { buurtpot } = await f.balances();
		const top = await f.topUp('buurtpot', 100_000);
		const id = await f.wonProposal(200_000);
		await f.pay(id, buurtpot + 100_000 - 2_000);
		const e = await errorOf(reverse(top.transferId));
		expect([e.code, httpStatusFor(e.code)]).toEqual(['pot.reversal_insufficient', 400]);
		expect(e.details).toMatchObject({ account: 'buurtpot', balanceCents: 2_000, neededCents: 100_000 });
		expect(translator('nl')(`errors.${e.code}`, e.details)).toMatch(/Er zit nu €\s20,00 in de buurtpot/);
		expect(translator('en')(`errors.${e.code}`, e.details)).toMatch(/The fund now holds €20\.00/);
		expect((await f.balances()).buurtpot).toBe(2_000);
	});

	it('refuses to take the funding account below zero, once rewards were paid from it', async () => {
		const { funding } = await f.balances();
		const top = await f.topUp('funding', 1_000);
		await reward(funding + 600);
		const e = await errorOf(reverse(top.transferId));
		expect(e.details).toMatchObject({ account: 'funding', balanceCents: 400, neededCents: 1_000 });
		expect(translator('nl')(`errors.${e.code}`, e.details)).toMatch(/Er zit nu €\s4,00 in het budget/);
	});
});

describe('reversing a payout', () => {
	it('puts the money back in the pot and sets the proposal’s paid amount back', async () => {
		await f.topUp('buurtpot', 100_000);
		const id = await f.wonProposal(45_000);
		const paid = await f.pay(id, 30_000);
		const before = await f.balances();
		expect(await movement(paid.transferId)).toMatchObject({ kind: 'payout', buurtpotCents: -30_000 });
		const r = await reverse(paid.transferId, { reason: 'Verkeerde winkel betaald.' });
		expect(r).toMatchObject({ kind: 'payout', amountCents: 30_000 });
		expect(await f.balances()).toEqual({ ...before, buurtpot: before.buurtpot + 30_000 });
		const d = await getProposalDetail(f.db, await f.actor('noor'), id, f.ctx.clock());
		expect(d).toMatchObject({ paidCents: 0, remainingCents: 45_000 });
		expect(d.payments.map((p) => [p.amountCents, p.note])).toEqual([
			[30_000, null],
			[-30_000, 'Verkeerde winkel betaald.']
		]);
		expect(d.history.at(-1)).toMatchObject({ action: 'payment_reversed', reason: 'Verkeerde winkel betaald.' });
		expect(await movement(paid.transferId)).toMatchObject({ reversedById: r.reversalId, reversible: false });
		// The whole cost can be paid again, and not more.
		expect(await f.pay(id, 45_000)).toMatchObject({ paidCents: 45_000, remainingCents: 0 });
		expect((await errorOf(f.pay(id, 1))).code).toBe('proposals.payment_exceeds_cost');
		// The payment, its correction and the new payment.
		expect(await f.count('buurtpot_payments WHERE proposal_id = $1', [id])).toBe(3);
		expect((await checkLedger(f.db)).ok).toBe(true);
	});

	it('a retried payout reversal writes one correction row', async () => {
		const id = await f.wonProposal(45_000);
		const paid = await f.pay(id, 10_000);
		const k = key();
		const first = await reverse(paid.transferId, { idempotencyKey: k });
		await f.db.query('DELETE FROM help_idempotency');
		expect(await reverse(paid.transferId, { idempotencyKey: k })).toEqual(first);
		expect(await f.count('buurtpot_payments WHERE proposal_id = $1', [id])).toBe(2);
		expect((await getProposalDetail(f.db, await f.actor('wim'), id, f.ctx.clock())).paidCents).toBe(0);
		await expect(f.db.query(`INSERT INTO buurtpot_payments (proposal_id, buurt_id, amount_cents, payee, transfer_id, paid_by, at, reverses_payment_id)
			SELECT proposal_id, buurt_id, -amount_cents, payee, 'x:again', paid_by, at, id FROM buurtpot_payments WHERE transfer_id = $1`, [paid.transferId])).rejects.toThrow();
	});
});

describe('the API', () => {
	it('POST /buurten/{id}/pot/reversals: 201 with an Idempotency-Key, 400 without one, errors in the caller’s language', async () => {
		const top = await f.topUp('buurtpot', 800);
		const call = async (body: unknown, headers: Record<string, string> = {}, who: 'wim' | 'anna' = 'wim') => {
			const request = new Request('http://noaber.test/api/v1/x', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
			const res = await postReversal({ request, locals: { actor: await f.actor(who), ctx: f.ctx, t: translator('en') }, params: { id: f.lindebuurt }, url: new URL(request.url) } as never);
			return { status: res.status, body: await res.json() };
		};
		const none = await call({ transferId: top.transferId, reason });
		expect([none.status, none.body.error.code]).toEqual([400, 'validation.invalid']);
		expect(none.body.error.fields.idempotencyKey).toMatch(/^Idempotency key required/);
		expect((await call({ transferId: top.transferId, reason }, { 'idempotency-key': key() }, 'anna')).status).toBe(403);
		const k = key();
		const ok = await call({ transferId: top.transferId, reason }, { 'idempotency-key': k });
		expect([ok.status, ok.body.kind, ok.body.transferId]).toEqual([201, 'top_up', top.transferId]);
		expect((await call({ transferId: top.transferId, reason }, { 'idempotency-key': k })).body).toEqual(ok.body);
		const again = await call({ transferId: top.transferId, reason }, { 'idempotency-key': key() });
		expect([again.status, again.body.error.code, again.body.error.message]).toEqual([409, 'pot.already_reversed', 'This movement has already been reversed.']);
	});
});
