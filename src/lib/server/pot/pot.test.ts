import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { checkLedger } from '../ledger';
import { createHelpFixture, errorOf, key, type HelpFixture } from '../help/test-fixtures';
import { confirmHelpRequest, getRewardScheme, getWallet, setNameInPot, updateRewardScheme } from '../help';
import { eurosToCents } from '../shared/money';
import { getPotOverview, topUpBuurt } from '.';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createHelpFixture(db, ctx);
});
afterAll(() => db.close());

const balances = async () => {
	const rows = await db.query<{ kind: string; balance: number }>(`SELECT kind, balance FROM ledger_accounts WHERE buurt_id = $1`, [f.lindebuurt]);
	const of = (k: string) => Number(rows.find((r) => r.kind === k)?.balance ?? 0);
	return { funding: of('funding'), buurtpot: of('buurtpot') };
};
const rewardOf = async (requestId: string) => (await db.query<{ status: string }>('SELECT status FROM help_rewards WHERE request_id = $1', [requestId]))[0]?.status;
const topUp = async (account: 'funding' | 'buurtpot', amountCents: number, extra: Record<string, unknown> = {}) =>
	topUpBuurt(ctx, await f.actor('staff'), { buurtId: f.lindebuurt, account, amountCents, note: 'Leefbaarheidsbudget', idempotencyKey: key(), ...extra });

describe('rewards wait when the funding account is empty, and are paid oldest-first after a top-up', () => {
	it('never takes the funding account below zero; staff are told', async () => {
		expect(await balances()).toEqual({ funding: 0, buurtpot: 0 });
		const first = await f.requestIn('done');
		expect(await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: first })).toMatchObject({ state: 'confirmed', reward: 'pending' });
		ctx.advance(1000);
		const second = await f.requestIn('done');
		await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: second });
		expect([await rewardOf(first), await rewardOf(second)]).toEqual(['pending', 'pending']);
		expect(await balances()).toEqual({ funding: 0, buurtpot: 0 });
		const told = await db.query<{ account_id: string }>(`SELECT DISTINCT account_id FROM notification_items WHERE type = 'help.pending_reward' AND subject_id = $1`, [first]);
		const staff = await db.query<{ id: string }>(`SELECT DISTINCT account_id AS id FROM staff_roles WHERE corporation_id = (SELECT corporation_id FROM staff_roles WHERE account_id = $1 LIMIT 1)`, [f.ids.staff]);
		expect(told.map((t) => t.account_id).sort()).toEqual(staff.map((s) => s.id).sort()); // every staff member: Wim, Ayla and Henk
		// Members see what waits.
		const pot = await getPotOverview(db, await f.actor('member'), { buurtId: f.lindebuurt });
		expect(pot.pending).toEqual({ count: 2, cents: 3000 });

		// €20: enough for the oldest (€15), not for both. The younger one does not jump the queue.
		const r1 = await topUp('funding', 2000);
		expect(r1).toMatchObject({ paidRewards: 1, stillPending: 1, balanceCents: 500 });
		expect([await rewardOf(first), await rewardOf(second)]).toEqual(['paid', 'pending']);
		expect(await balances()).toEqual({ funding: 500, buurtpot: 1500 });

		// A new reward while one waits joins the queue behind it.
		const third = await f.requestIn('done');
		expect(await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: third })).toMatchObject({ reward: 'pending' });

		const r2 = await topUp('funding', 2500);
		expect(r2).toMatchObject({ paidRewards: 2, stillPending: 0, balanceCents: 0 });
		expect(await balances()).toEqual({ funding: 0, buurtpot: 4500 });
		expect((await checkLedger(db)).ok).toBe(true);
	});

	it('one three-leg transfer per request, each leg attributed to who earned it; wallets show their share', async () => {
		await topUp('funding', 10_000);
		const before = await balances();
		const id = await f.requestIn('done');
		await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: id });
		expect(await balances()).toEqual({ funding: before.funding - 1500, buurtpot: before.buurtpot + 1500 });
		const legs = await db.query<{ code: string; amount: number; attributed_to: string }>(
			`SELECT l.code, l.amount, l.attributed_to FROM ledger_legs l JOIN ledger_transfers t ON t.seq = l.transfer_seq WHERE t.id = $1 ORDER BY l.leg_no`,
			[`help.reward:${id}`]
		);
		expect(legs.map((l) => [l.code, Number(l.amount), l.attributed_to])).toEqual([
			['asker', 500, f.ids.asker],
			['supervisor', 500, f.ids.supervisor],
			['helper', 500, f.ids.helper]
		]);
		for (const [p, role] of [['asker', 'asker'], ['supervisor', 'supervisor'], ['helper', 'helper']] as const) {
			const w = await getWallet(db, await f.actor(p));
			const item = w.items.find((i) => i.requestId === id)!;
			expect(item).toMatchObject({ cents: 500, roles: [role], title: 'Hulp bij de heg', category: 'onderhoud_woning', buurtName: 'Lindebuurt' });
			expect(w.totalCents).toBe(w.items.reduce((s, i) => s + i.cents, 0));
		}
		// Kees earned nothing; his wallet is empty, not an error.
		expect(await getWallet(db, await f.actor('member'))).toMatchObject({ totalCents: 0, items: [], pending: [] });
	});

	it('a buurt sets its own amounts; a zero role is left out; staff checking earns no supervisor reward', async () => {
		await topUp('funding', 10_000);
		await updateRewardScheme(ctx, await f.actor('staff'), { buurtId: f.lindebuurt, category: 'veiligheid', askerCents: 250, supervisorCents: 0, helperCents: 750 });
		expect((await getRewardScheme(db, f.lindebuurt)).veiligheid).toEqual({ askerCents: 250, supervisorCents: 0, helperCents: 750 });
		expect((await getRewardScheme(db, f.lindebuurt)).zorg).toEqual({ askerCents: 500, supervisorCents: 500, helperCents: 500 });
		const id = await f.requestIn('done', { category: 'veiligheid' });
		await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: id });
		const codes = await db.query<{ code: string; amount: number }>(`SELECT l.code, l.amount FROM ledger_legs l JOIN ledger_transfers t ON t.seq = l.transfer_seq WHERE t.id = $1 ORDER BY l.leg_no`, [`help.reward:${id}`]);
		expect(codes.map((c) => [c.code, Number(c.amount)])).toEqual([['asker', 250], ['helper', 750]]);

		const staffChecked = await f.requestIn('done', { checker: 'staff' });
		await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: staffChecked });
		const staffLegs = await db.query<{ code: string }>(`SELECT l.code FROM ledger_legs l JOIN ledger_transfers t ON t.seq = l.transfer_seq WHERE t.id = $1 ORDER BY l.leg_no`, [`help.reward:${staffChecked}`]);
		expect(staffLegs.map((l) => l.code)).toEqual(['asker', 'helper']);

		await updateRewardScheme(ctx, await f.actor('staff'), { buurtId: f.lindebuurt, category: 'zorg', askerCents: 0, supervisorCents: 0, helperCents: 0 });
		const zorg = await f.requestIn('done', { category: 'zorg', zorgLabel: 'wandelen' });
		expect(await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: zorg })).toEqual({ id: zorg, state: 'confirmed', reward: 'none' });
		expect(await rewardOf(zorg)).toBeUndefined();
	});
});

describe('confirmations at the same moment', () => {
	it('pay only what the funding account holds; the rest waits; nothing goes below zero', async () => {
		// Drain the funding account first, then put in exactly enough for three rewards.
		const { funding } = await balances();
		if (funding > 0) {
			await updateRewardScheme(ctx, await f.actor('staff'), { buurtId: f.lindebuurt, category: 'onderhoud_gedeeld', askerCents: funding, supervisorCents: 0, helperCents: 0 });
			const drain = await f.requestIn('done', { category: 'onderhoud_gedeeld' });
			await confirmHelpRequest(ctx, await f.actor('asker'), { requestId: drain });
		}
		expect((await balances()).funding).toBe(0);
		const ids = [];
		for (let i = 0; i < 5; i++) ids.push(await f.requestIn('done'));
		await topUp('funding', 4500);
		const anna = await f.actor('asker');
		const results = await Promise.all(ids.map((requestId) => confirmHelpRequest(ctx, anna, { requestId })));
		expect(results.filter((r) => r.reward === 'paid')).toHaveLength(3);
		expect(results.filter((r) => r.reward === 'pending')).toHaveLength(2);
		expect((await balances()).funding).toBe(0);
		expect((await checkLedger(db)).ok).toBe(true);
		// The next top-up pays the two that wait.
		expect(await topUp('funding', 3000)).toMatchObject({ paidRewards: 2, stillPending: 0 });
	});
});

describe('transparency: members see balances and movements, names only with consent', () => {
	it('shows top-ups and rewards; a name appears only after opting in', async () => {
		await topUp('buurtpot', 1234, { note: 'Bijdrage voor het buurtfeest' });
		const kees = await f.actor('member');
		let pot = await getPotOverview(db, kees, { buurtId: f.lindebuurt });
		expect(pot.movements[0]).toMatchObject({ kind: 'top_up', buurtpotCents: 1234, fundingCents: 0, note: 'Bijdrage voor het buurtfeest' });
		const reward = pot.movements.find((m) => m.kind === 'reward')!;
		expect(reward.fundingCents).toBe(-reward.buurtpotCents);
		expect(reward.legs.every((l) => l.name === null)).toBe(true);
		expect(pot.earners).toEqual([]);
		expect(pot.othersCount).toBe(3);
		expect(pot.canManage).toBe(false);

		await setNameInPot(ctx, await f.actor('helper'), { named: true });
		pot = await getPotOverview(db, kees, { buurtId: f.lindebuurt });
		expect(pot.earners.map((e) => e.name)).toEqual(['Noor']);
		expect(pot.othersCount).toBe(2);
		const named = pot.movements.find((m) => m.kind === 'reward')!.legs;
		expect(named.find((l) => l.role === 'helper')!.name).toBe('Noor');
		expect(named.find((l) => l.role === 'asker')!.name).toBeNull();
		// Noor sees herself marked; she can opt out again.
		expect((await getPotOverview(db, await f.actor('helper'), { buurtId: f.lindebuurt })).earners[0].isYou).toBe(true);
		await setNameInPot(ctx, await f.actor('helper'), { named: false });
		expect((await getPotOverview(db, kees, { buurtId: f.lindebuurt })).earners).toEqual([]);
	});

	it('never counts the reader among the "other neighbours": their own share is told apart', async () => {
		const anna = await f.actor('asker');
		const pot = await getPotOverview(db, anna, { buurtId: f.lindebuurt });
		const everyone = await getPotOverview(db, await f.actor('member'), { buurtId: f.lindebuurt });
		expect(pot.youCents).toBeGreaterThan(0);
		expect(pot.earners.some((e) => e.isYou)).toBe(false);
		expect(pot.othersCount).toBe(everyone.othersCount - 1);
		expect(pot.othersCents).toBe(everyone.othersCents - pot.youCents);
	});

	it('another buurt’s pot is not found', async () => {
		const e = await errorOf(getPotOverview(db, await f.actor('outsider'), { buurtId: f.lindebuurt }));
		expect(e.code).toBe('pot.not_found');
		expect(httpStatusFor(e.code)).toBe(404);
	});
});

describe('bad input for money', () => {
	it('amounts ≤ 0, not whole cents, not a number, too big; a note is required; only staff', async () => {
		const wim = await f.actor('staff');
		const before = await db.query('SELECT 1 FROM ledger_transfers');
		const fields = async (input: Record<string, unknown>) => (await errorOf(topUpBuurt(ctx, wim, { buurtId: f.lindebuurt, account: 'funding', note: 'Budget', idempotencyKey: key(), ...input }))).fields;
		expect(await fields({ amountCents: 0 })).toEqual({ amountCents: 'pot.amount_positive' });
		expect(await fields({ amountCents: -500 })).toEqual({ amountCents: 'pot.amount_positive' });
		expect(await fields({ amountCents: 12.5 })).toEqual({ amountCents: 'pot.amount_whole_cents' });
		expect(await fields({ amountCents: eurosToCents('12,505') })).toEqual({ amountCents: 'pot.amount_whole_cents' });
		expect(await fields({ amountCents: eurosToCents('twaalf') })).toEqual({ amountCents: 'pot.amount_invalid' });
		expect(await fields({ amountCents: 100_000_000 })).toEqual({ amountCents: 'pot.amount_too_big' });
		expect(await fields({ amountCents: 500, note: '' })).toEqual({ note: 'pot.note_required' });
		expect(await fields({ amountCents: 500, account: 'wallet' })).toEqual({ account: 'pot.account_invalid' });
		const e = await errorOf(topUpBuurt(ctx, await f.actor('supervisor'), { buurtId: f.lindebuurt, account: 'funding', amountCents: 500, note: 'Budget', idempotencyKey: key() }));
		expect(e.code).toBe('pot.forbidden');
		expect(httpStatusFor(e.code)).toBe(403);
		const s = await errorOf(updateRewardScheme(ctx, wim, { buurtId: f.lindebuurt, category: 'overige', askerCents: 500, supervisorCents: 500, helperCents: 500 }));
		expect(s.fields).toEqual({ category: 'pot.category_not_rewarded' });
		const neg = await errorOf(updateRewardScheme(ctx, wim, { buurtId: f.lindebuurt, category: 'zorg', askerCents: -1, supervisorCents: 1.5, helperCents: 500 }));
		expect(neg.fields).toEqual({ askerCents: 'pot.amount_not_negative', supervisorCents: 'pot.amount_whole_cents' });
		expect(await db.query('SELECT 1 FROM ledger_transfers')).toHaveLength(before.length);
	});

	it('euros as typed become cents exactly', () => {
		expect(eurosToCents('12')).toBe(1200);
		expect(eurosToCents('12,5')).toBe(1250);
		expect(eurosToCents('€ 12.05')).toBe(1205);
		expect(eurosToCents('0,1')).toBe(10);
		expect(eurosToCents('-3')).toBe(-300);
		expect(eurosToCents('')).toBeUndefined();
		expect(eurosToCents('1.234,56')).toBe('1.234,56');
	});

	it('a top-up retried with its key is applied once; the key with another amount is refused', async () => {
		const wim = await f.actor('staff');
		const k = key();
		const before = await balances();
		const a = await topUpBuurt(ctx, wim, { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 700, note: 'Extra', idempotencyKey: k });
		const b = await topUpBuurt(ctx, wim, { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 700, note: 'Extra', idempotencyKey: k });
		expect(b).toEqual(a);
		expect((await balances()).buurtpot).toBe(before.buurtpot + 700);
		const e = await errorOf(topUpBuurt(ctx, wim, { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 800, note: 'Extra', idempotencyKey: k }));
		expect(e.code).toBe('pot.idempotency_mismatch');
		expect(httpStatusFor(e.code)).toBe(409);
		expect((await balances()).buurtpot).toBe(before.buurtpot + 700);
	});

	it('the reward table only moves from pending to paid', async () => {
		await expect(db.query(`UPDATE help_rewards SET helper_cents = 1 WHERE status = 'paid'`)).rejects.toThrow(/pending to paid/);
		await expect(db.query(`DELETE FROM help_rewards`)).rejects.toThrow(/pending to paid/);
		expect((await checkLedger(db)).ok).toBe(true);
	});
});
