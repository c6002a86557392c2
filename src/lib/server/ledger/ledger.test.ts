import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { DomainError, httpStatusFor } from '../shared/errors';
import {
	checkLedger,
	ensureAccount,
	ensureBuurtAccounts,
	getAttributionForPerson,
	getBalance,
	getTransfer,
	listAttributionForBuurt,
	listEntries,
	listTransfersForBuurt,
	postTransfer,
	reverseTransfer,
	topUp,
	transfer,
	type LedgerAccount
} from './index';
import { createQuietTestDb } from './test-db-quiet';
import { createBuurt, createPerson } from './test-fixtures';

let db: Db;
const at = new Date('2025-03-01T10:00:00Z');
const later = new Date('2025-03-02T10:00:00Z');
let staff: string;
let asker: string;
let helper: string;
let supervisor: string;
let buurtId: string;
let funding: LedgerAccount;
let buurtpot: LedgerAccount;
let expense: LedgerAccount;

/** Awaits a rejection and returns it as a DomainError with the expected code. */
async function domainError(promise: Promise<unknown>, code: string): Promise<DomainError> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	expect((err as DomainError).code).toBe(code);
	return err as DomainError;
}

const balanceOf = async (account: LedgerAccount) => (await getBalance(db, { accountId: account.id })).balance;

const auditRows = (transferId: string) =>
	db.query<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
		'SELECT action, actor_id, details FROM audit_log WHERE subject = $1 ORDER BY id',
		[`ledger_transfer:${transferId}`]
	);

/** A Superbuurt-style reward: three legs from the funding account into the buurtpot. */
const reward = (id: string, amounts: [number, number, number], when = at) => ({
	id,
	code: 'superbuurt.reward',
	actorId: null,
	at: when,
	legs: [
		{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: amounts[0], attributedTo: asker, code: 'asker' },
		{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: amounts[1], attributedTo: helper, code: 'helper' },
		{
			debitAccountId: funding.id,
			creditAccountId: buurtpot.id,
			amount: amounts[2],
			attributedTo: supervisor,
			code: 'supervisor'
		}
	]
});

beforeAll(async () => {
	db = await createQuietTestDb();
	buurtId = await createBuurt(db);
	[staff, asker, helper, supervisor] = await Promise.all(['Staf', 'Vrager', 'Helper', 'Begeleider'].map((n) => createPerson(db, n)));
	({ funding, buurtpot, expense } = await ensureBuurtAccounts(db, { buurtId, at }));
});

afterAll(async () => {
	await db?.close();
});

describe('top-up', () => {
	it('moves money from the world account into a funding account, audited', async () => {
		const result = await topUp(db, {
			id: 'topup-1',
			accountId: funding.id,
			amount: 100_00,
			note: 'Leefbaarheidsbudget 2025',
			actorId: staff,
			at
		});
		expect(result.applied).toBe(true);
		expect(await balanceOf(funding)).toBe(100_00);
		const world = await ensureAccount(db, { kind: 'world', at });
		expect(world.balance).toBe(-100_00);
		const [audit] = await auditRows('topup-1');
		expect(audit).toMatchObject({ action: 'ledger.transfer', actor_id: staff });
		expect(audit.details).toMatchObject({ transferId: 'topup-1', code: 'ledger.top_up', total: 100_00 });
	});

	it('only funding accounts and buurtpotten can be topped up', async () => {
		await domainError(
			topUp(db, { id: 'topup-expense', accountId: expense.id, amount: 1, note: 'x', actorId: staff, at }),
			'ledger.top_up_not_allowed'
		);
	});
});

describe('transfers', () => {
	it('a three-leg reward commits every leg, with entries, attribution and one audit row', async () => {
		const before = await balanceOf(funding);
		const result = await transfer(db, reward('reward-1', [5_00, 3_00, 2_00]));
		expect(result.applied).toBe(true);
		expect(result.legs.map((l) => l.legNo)).toEqual([1, 2, 3]);
		// One entry per account: the net of the legs, with balance before/after and version.
		expect(result.entries).toEqual([
			{ accountId: funding.id, version: 2, legNo: 1, amount: -10_00, balanceBefore: before, balanceAfter: before - 10_00 },
			{ accountId: buurtpot.id, version: 1, legNo: 1, amount: 10_00, balanceBefore: 0, balanceAfter: 10_00 }
		]);
		expect(await balanceOf(funding)).toBe(before - 10_00);
		expect(await balanceOf(buurtpot)).toBe(10_00);
		expect((await getTransfer(db, { transferId: 'reward-1' }))!.entries).toEqual(result.entries);
		const audit = await auditRows('reward-1');
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'ledger.transfer', actor_id: null });
		const attribution = await listAttributionForBuurt(db, { buurtId });
		expect(attribution).toEqual([
			{ personId: asker, total: 5_00, transfers: 1 },
			{ personId: helper, total: 3_00, transfers: 1 },
			{ personId: supervisor, total: 2_00, transfers: 1 }
		]);
	});

	it('retrying the same id with the same content returns the first result and applies nothing', async () => {
		const first = await getTransfer(db, { transferId: 'reward-1' });
		const fundingBefore = await balanceOf(funding);
		const retry = await transfer(db, reward('reward-1', [5_00, 3_00, 2_00], later));
		expect(retry.applied).toBe(false);
		expect(retry.seq).toBe(first!.seq);
		expect(retry.at).toEqual(at);
		expect(retry.entries).toEqual(first!.entries);
		expect(await balanceOf(funding)).toBe(fundingBefore);
		expect(await auditRows('reward-1')).toHaveLength(1);
	});

	it('the same id with different content is refused as a 409', async () => {
		const err = await domainError(transfer(db, reward('reward-1', [5_00, 3_00, 2_01])), 'ledger.idempotency_mismatch');
		expect(err.details).toEqual({ transferId: 'reward-1' });
		expect(httpStatusFor(err.code)).toBe(409);
		await domainError(
			transfer(db, { ...reward('reward-1', [5_00, 3_00, 2_00]), note: 'another note' }),
			'ledger.idempotency_mismatch'
		);
	});

	it('one leg over the limit applies nothing at all', async () => {
		const fundingBefore = await getBalance(db, { accountId: funding.id });
		const potBefore = await getBalance(db, { accountId: buurtpot.id });
		const err = await domainError(
			transfer(db, reward('reward-too-big', [1_00, 1_00, fundingBefore.balance])),
			'ledger.limit_exceeded'
		);
		expect(err.details).toEqual({
			accountId: funding.id,
			balance: fundingBefore.balance,
			needed: fundingBefore.balance + 2_00
		});
		expect(httpStatusFor(err.code)).toBe(400);
		expect(await getBalance(db, { accountId: funding.id })).toEqual(fundingBefore);
		expect(await getBalance(db, { accountId: buurtpot.id })).toEqual(potBefore);
		expect(await getTransfer(db, { transferId: 'reward-too-big' })).toBeNull();
		expect(await auditRows('reward-too-big')).toHaveLength(0);
	});

	it('checks every leg as it applies, not only the net effect', async () => {
		const pot = await balanceOf(buurtpot);
		// Paying out more than the pot holds and refilling it in a later leg is still a breach.
		const spendThenRefill = {
			id: 'spend-then-refill',
			code: 'test.order',
			actorId: staff,
			at,
			legs: [
				{ debitAccountId: buurtpot.id, creditAccountId: expense.id, amount: pot + 1 },
				{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: 1 }
			]
		};
		await domainError(transfer(db, spendThenRefill), 'ledger.limit_exceeded');
		const refillThenSpend = { ...spendThenRefill, id: 'refill-then-spend', legs: [...spendThenRefill.legs].reverse() };
		await expect(transfer(db, refillThenSpend)).resolves.toMatchObject({ applied: true });
		expect(await balanceOf(buurtpot)).toBe(0);
	});

	it('a retry of an applied transfer returns its result even when the balance no longer allows it', async () => {
		await transfer(db, reward('reward-2', [1_00, 1_00, 1_00]));
		const drain = await balanceOf(funding);
		await transfer(db, {
			id: 'drain-funding',
			code: 'test.drain',
			actorId: staff,
			at,
			legs: [{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: drain }]
		});
		expect(await balanceOf(funding)).toBe(0);
		await expect(transfer(db, reward('reward-2', [1_00, 1_00, 1_00]))).resolves.toMatchObject({ applied: false });
	});

	it('runs inside the caller transaction, and a refused transfer leaves that transaction usable', async () => {
		const result = await db.transaction(async (tx) => {
			await tx.query("INSERT INTO audit_log (at, action, subject) VALUES ($1, 'test.caller', 'caller-1')", [at]);
			const refused = await postTransfer(tx, reward('reward-pending', [1_00, 1_00, 1_00])).catch((e: DomainError) => e.code);
			await tx.query("INSERT INTO audit_log (at, action, subject) VALUES ($1, 'test.caller', 'caller-2')", [at]);
			return refused;
		});
		expect(result).toBe('ledger.limit_exceeded');
		const callerRows = await db.query("SELECT subject FROM audit_log WHERE action = 'test.caller' ORDER BY id");
		expect(callerRows).toEqual([{ subject: 'caller-1' }, { subject: 'caller-2' }]);
		expect(await getTransfer(db, { transferId: 'reward-pending' })).toBeNull();
	});

	it('rolls back with the caller when the caller fails after posting', async () => {
		await topUp(db, { id: 'topup-2', accountId: funding.id, amount: 50_00, note: 'Aanvulling', actorId: staff, at });
		const before = await balanceOf(funding);
		await expect(
			db.transaction(async (tx) => {
				await postTransfer(tx, reward('reward-rolled-back', [1_00, 1_00, 1_00]));
				throw new Error('caller failed');
			})
		).rejects.toThrow('caller failed');
		expect(await balanceOf(funding)).toBe(before);
		expect(await getTransfer(db, { transferId: 'reward-rolled-back' })).toBeNull();
	});

	it('never stops a member who earned something from being deleted (AVG): history keeps an opaque id', async () => {
		const leaving = await createPerson(db, 'Vertrekker');
		const legs = [{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: 1, attributedTo: leaving }];
		await transfer(db, { id: 'leaver-reward', code: 'superbuurt.reward', actorId: null, at, legs });
		await db.query('DELETE FROM accounts WHERE id = $1', [leaving]);
		expect((await getTransfer(db, { transferId: 'leaver-reward' }))!.legs[0].attributedTo).toBe(leaving);
	});
});

describe('reversal', () => {
	it('undoes a transfer with a new one pointing at it, with reason, actor and audit', async () => {
		await transfer(db, reward('reward-3', [2_00, 2_00, 2_00]));
		const fundingBefore = await balanceOf(funding);
		const potBefore = await balanceOf(buurtpot);
		const reversal = await reverseTransfer(db, {
			id: 'reward-3:reversal',
			transferId: 'reward-3',
			reason: 'Hulpvraag bleek dubbel ingevoerd',
			actorId: staff,
			at: later
		});
		expect(reversal).toMatchObject({ applied: true, reversesId: 'reward-3', code: 'ledger.reversal', actorId: staff });
		expect(await balanceOf(funding)).toBe(fundingBefore + 6_00);
		expect(await balanceOf(buurtpot)).toBe(potBefore - 6_00);
		expect((await getTransfer(db, { transferId: 'reward-3' }))!.reversedById).toBe('reward-3:reversal');
		const [audit] = await auditRows('reward-3:reversal');
		expect(audit).toMatchObject({ action: 'ledger.reversal', actor_id: staff });
		expect(audit.details).toMatchObject({ reversesId: 'reward-3', reason: 'Hulpvraag bleek dubbel ingevoerd' });
		const helped = await getAttributionForPerson(db, { personId: helper });
		expect(helped.transfers.slice(0, 2).map((t) => [t.transferId, t.amount])).toEqual([
			['reward-3:reversal', -2_00],
			['reward-3', 2_00]
		]);
	});

	it('is idempotent on its own id, and refuses a second reversal of the same transfer', async () => {
		const input = { id: 'reward-3:reversal', transferId: 'reward-3', reason: 'Hulpvraag bleek dubbel ingevoerd', actorId: staff, at };
		await expect(reverseTransfer(db, input)).resolves.toMatchObject({ applied: false });
		const err = await domainError(reverseTransfer(db, { ...input, id: 'reward-3:reversal-2' }), 'ledger.already_reversed');
		expect(httpStatusFor(err.code)).toBe(409);
		await domainError(reverseTransfer(db, { ...input, reason: 'Een andere reden' }), 'ledger.idempotency_mismatch');
	});

	it('cannot reverse a reversal, an unknown transfer, or money already spent', async () => {
		const base = { reason: 'Correctie', actorId: staff, at };
		await domainError(
			reverseTransfer(db, { ...base, id: 'rev-of-rev', transferId: 'reward-3:reversal' }),
			'ledger.reversal_not_reversible'
		);
		await domainError(reverseTransfer(db, { ...base, id: 'rev-unknown', transferId: 'nope' }), 'ledger.transfer_not_found');
		const pot = await balanceOf(buurtpot);
		await transfer(db, {
			id: 'payout-1',
			code: 'buurtpot.payout',
			actorId: staff,
			at,
			legs: [{ debitAccountId: buurtpot.id, creditAccountId: expense.id, amount: pot }]
		});
		await domainError(reverseTransfer(db, { ...base, id: 'rev-spent', transferId: 'reward-2' }), 'ledger.limit_exceeded');
	});
});

describe('history', () => {
	it('lists an account’s entries newest first, page by page', async () => {
		const all = await listEntries(db, { accountId: funding.id, limit: 200 });
		expect(all.nextBefore).toBeNull();
		const versions = all.entries.map((e) => e.version);
		expect(versions).toEqual([...versions].sort((a, b) => b - a));
		expect(versions[0]).toBe((await getBalance(db, { accountId: funding.id })).version);
		const first = await listEntries(db, { accountId: funding.id, limit: 3 });
		const second = await listEntries(db, { accountId: funding.id, limit: 3, before: first.nextBefore! });
		expect([...first.entries, ...second.entries]).toEqual(all.entries.slice(0, 6));
		// The reward's three legs (three people, three roles) are one entry on the funding account.
		const rewardEntry = all.entries.find((e) => e.transferId === 'reward-1')!;
		expect(rewardEntry).toMatchObject({ legNo: 1, amount: -10_00, legCode: null, attributedTo: null, counterpartyAccountId: buurtpot.id });
		expect(all.entries.filter((e) => e.transferId === 'reward-1')).toHaveLength(1);
		const drain = all.entries.find((e) => e.transferId === 'drain-funding')!;
		expect(drain).toMatchObject({ amount: expect.any(Number), counterpartyAccountId: buurtpot.id, legCode: null });
	});

	it('lists the buurt’s transfers newest first, each once, page by page', async () => {
		const all = await listTransfersForBuurt(db, { buurtId, limit: 200 });
		const ids = all.transfers.map((t) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toContain('reward-1');
		expect(ids).toContain('topup-1');
		const seqs = all.transfers.map((t) => t.seq);
		expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
		const pages: string[] = [];
		let before: number | undefined;
		do {
			const page = await listTransfersForBuurt(db, { buurtId, limit: 2, before });
			pages.push(...page.transfers.map((t) => t.id));
			before = page.nextBefore ?? undefined;
		} while (before !== undefined);
		expect(pages).toEqual(ids);
		expect(all.transfers.find((t) => t.id === 'reward-1')!.legs).toHaveLength(3);
	});

	it('totals what each member earned for the buurtpot, reversals netted', async () => {
		const byPerson = await listAttributionForBuurt(db, { buurtId });
		const helperTotal = byPerson.find((p) => p.personId === helper)!;
		// reward-1 3_00 + reward-2 1_00 + reward-3 2_00 − its reversal 2_00
		expect(helperTotal.total).toBe(4_00);
		const mine = await getAttributionForPerson(db, { personId: helper, buurtId });
		expect(mine.total).toBe(4_00);
		expect(mine.transfers.reduce((sum, t) => sum + t.amount, 0)).toBe(4_00);
		const paged = await getAttributionForPerson(db, { personId: helper, limit: 1 });
		expect(paged.transfers).toHaveLength(1);
		expect(paged.nextBefore).toBe(paged.transfers[0].seq);
	});

	it('gives every account a transfer touches one entry, even when its legs cancel out', async () => {
		await topUp(db, { id: 'topup-round-trip', accountId: funding.id, amount: 5, note: 'x', actorId: staff, at });
		const fundingBefore = await getBalance(db, { accountId: funding.id });
		const potBefore = await getBalance(db, { accountId: buurtpot.id });
		const leg = { amount: 5, attributedTo: helper, code: 'helper' };
		const roundTrip = await transfer(db, {
			id: 'round-trip',
			code: 'test.round_trip',
			actorId: staff,
			at,
			legs: [
				{ ...leg, debitAccountId: funding.id, creditAccountId: buurtpot.id },
				{ ...leg, debitAccountId: buurtpot.id, creditAccountId: funding.id }
			]
		});
		expect(roundTrip.entries.map((e) => [e.accountId, e.amount, e.version])).toEqual(
			expect.arrayContaining([
				[funding.id, 0, fundingBefore.version + 1],
				[buurtpot.id, 0, potBefore.version + 1]
			])
		);
		expect(await getBalance(db, { accountId: funding.id })).toEqual({ ...fundingBefore, version: fundingBefore.version + 1 });
		const [potEntry] = (await listEntries(db, { accountId: buurtpot.id, limit: 1 })).entries;
		// Both legs agree on role and person, so the entry names them.
		expect(potEntry).toMatchObject({ transferId: 'round-trip', amount: 0, legCode: 'helper', attributedTo: helper, counterpartyAccountId: funding.id });
		const attribution = await getAttributionForPerson(db, { personId: helper, buurtId });
		const fromBuurt = (await listAttributionForBuurt(db, { buurtId })).find((a) => a.personId === helper)!;
		expect(fromBuurt.total).toBe(attribution.total);
	});

	it('passes the full ledger check', async () => {
		const check = await checkLedger(db);
		expect(check.mismatches).toEqual([]);
		expect(check.ledgersSumZero).toBe(true);
		expect(check.ok).toBe(true);
		expect(check.ledgers.map((l) => l.ledger)).toEqual(['EUR']);
	});
});
