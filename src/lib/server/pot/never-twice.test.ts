import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusFor } from '../shared/errors';
import { testCtx } from '../shared/test-ctx';
import { translator } from '$lib/i18n';
import { checkLedger } from '../ledger';
import { POST as postTopUp } from '../../../routes/api/v1/buurten/[id]/pot/top-ups/+server';
import { errorOf, key, openPotTests, type PotFixture } from './test-fixtures';
import { topUpBuurt } from '.';

/** A top-up can never be paid twice: its transfer is named after the request's key. */

let f: PotFixture;
beforeAll(async () => {
	f = await openPotTests();
});
afterAll(() => f.close());

const forgetKeys = () => f.db.query('DELETE FROM help_idempotency');
const DAY = 24 * 3600_000;

/** Calls the real API handler, as the server would (a JSON body, an optional Idempotency-Key header). */
async function api(handler: typeof postTopUp, body: unknown, headers: Record<string, string> = {}, locale: 'nl' | 'en' = 'en') {
	const request = new Request('http://noaber.test/api/v1/x', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
	const locals = { actor: await f.actor('wim'), ctx: f.ctx, t: translator(locale) };
	const res = await handler({ request, locals, params: { id: f.lindebuurt }, url: new URL(request.url) } as never);
	return { status: res.status, body: await res.json() };
}

describe('a top-up is paid once per key', () => {
	it('a retry days later, after its idempotency row was pruned and after a restart, returns the first top-up and adds nothing', async () => {
		const k = key();
		const before = await f.balances();
		const first = await f.topUp('buurtpot', 2_500, { idempotencyKey: k });
		expect(first.transferId).toMatch(/^pot\.top_up:[0-9a-f]{64}$/);
		await forgetKeys();
		f.ctx.advance(3 * DAY);
		// A "restarted" server: a new context, nothing kept in memory.
		const restarted = testCtx(f.db, f.ctx.clock());
		const again = await topUpBuurt(restarted, await f.actor('wim'), { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 2_500, note: 'Leefbaarheidsbudget 2026', idempotencyKey: k });
		expect(again.transferId).toBe(first.transferId);
		expect(await f.balances()).toEqual({ ...before, buurtpot: before.buurtpot + 2_500 });
		expect(await f.count('ledger_transfers WHERE id = $1', [first.transferId])).toBe(1);
	});

	it('the same key with another amount is refused (409), with or without its idempotency row', async () => {
		const k = key();
		await f.topUp('funding', 1_000, { idempotencyKey: k });
		const before = await f.balances();
		const e = await errorOf(f.topUp('funding', 1_001, { idempotencyKey: k }));
		expect([e.code, httpStatusFor(e.code)]).toEqual(['pot.idempotency_mismatch', 409]);
		await forgetKeys();
		expect((await errorOf(f.topUp('funding', 1_001, { idempotencyKey: k }))).code).toBe('pot.idempotency_mismatch');
		expect((await errorOf(f.topUp('buurtpot', 1_000, { idempotencyKey: k }))).code).toBe('pot.idempotency_mismatch');
		expect(await f.balances()).toEqual(before);
	});

	it('a 100-character key works (the transfer id is a hash, whatever the key length)', async () => {
		const long = 'k'.repeat(62) + key();
		expect(long).toHaveLength(100);
		const before = await f.balances();
		const r = await f.topUp('buurtpot', 700, { idempotencyKey: long });
		expect(r.transferId).toHaveLength('pot.top_up:'.length + 64);
		expect(await f.topUp('buurtpot', 700, { idempotencyKey: long })).toEqual(r);
		expect((await f.balances()).buurtpot).toBe(before.buurtpot + 700);
		// The same key by another staff member is another request.
		const admin = await topUpBuurt(f.ctx, await f.actor('admin'), { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 700, note: 'Leefbaarheidsbudget 2026', idempotencyKey: long });
		expect(admin.transferId).not.toBe(r.transferId);
	});

	it('two submits of one form at the same moment add the money once', async () => {
		const k = key();
		const before = await f.balances();
		const results = await Promise.all([1, 2].map(() => f.topUp('buurtpot', 300, { idempotencyKey: k })));
		expect(results[0].transferId).toBe(results[1].transferId);
		expect((await f.balances()).buurtpot).toBe(before.buurtpot + 300);
		expect((await checkLedger(f.db)).ok).toBe(true);
	});

	it('without a key the use case and the API refuse with a clear 400, and nothing moves', async () => {
		const before = await f.balances();
		const e = await errorOf(topUpBuurt(f.ctx, await f.actor('wim'), { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 500, note: 'Budget' }));
		expect([e.code, e.fields]).toEqual(['validation.invalid', { idempotencyKey: 'pot.idempotency_key_required' }]);
		const r = await api(postTopUp, { account: 'buurtpot', amountCents: 500, note: 'Budget' });
		expect(r.status).toBe(400);
		expect(r.body.error.code).toBe('validation.invalid');
		expect(r.body.error.fields.idempotencyKey).toMatch(/^Idempotency key required/);
		expect((await api(postTopUp, { account: 'buurtpot', amountCents: 500, note: 'Budget' }, {}, 'nl')).body.error.fields.idempotencyKey).toMatch(/sleutel tegen dubbel versturen ontbreekt/);
		expect(await f.balances()).toEqual(before);
		// With the header it works, and a retry of that request is the first top-up.
		const k = 'api-' + 'x'.repeat(96);
		const ok = await api(postTopUp, { account: 'buurtpot', amountCents: 500, note: 'Budget' }, { 'idempotency-key': k });
		expect(ok.status).toBe(201);
		expect((await api(postTopUp, { account: 'buurtpot', amountCents: 500, note: 'Budget' }, { 'idempotency-key': k })).body).toEqual(ok.body);
		expect((await f.balances()).buurtpot).toBe(before.buurtpot + 500);
	});
});
