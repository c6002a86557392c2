import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { DomainError } from '../shared/errors';
import { checkLedger, ensureAccount, ensureBuurtAccounts, getTransfer, topUp, transfer, type LedgerAccount } from './index';
import { createQuietTestDb } from './test-db-quiet';
import { createBuurt, createPerson } from './test-fixtures';

/**
 * The ledger's refusals: accounts that cannot be made or rewritten, transfers that are refused
 * before anything is written, and history that cannot be edited. (ledger.test.ts tells the
 * story of money that does move.)
 */

let db: Db;
const at = new Date('2025-03-01T10:00:00Z');
const later = new Date('2025-03-02T10:00:00Z');
let buurtId: string;
let funding: LedgerAccount;
let buurtpot: LedgerAccount;

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

/** A reward from the funding account into the buurtpot, one leg per amount. */
const reward = (id: string, amounts: [number, number, number]) => ({
	id,
	code: 'superbuurt.reward',
	actorId: null,
	at,
	legs: amounts.map((amount) => ({ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount, attributedTo: null as string | null }))
});

beforeAll(async () => {
	db = await createQuietTestDb();
	buurtId = await createBuurt(db);
	const staff = await createPerson(db, 'Staf');
	({ funding, buurtpot } = await ensureBuurtAccounts(db, { buurtId, at }));
	await topUp(db, { id: 'rules-topup', accountId: funding.id, amount: 10_00, note: 'Budget', actorId: staff, at });
	await transfer(db, reward('reward-1', [1_00, 1_00, 1_00]));
});

afterAll(async () => {
	await db?.close();
});

describe('accounts', () => {
	it('ensureAccount is idempotent per (ledger, kind, buurt)', async () => {
		const again = await ensureAccount(db, { kind: 'buurtpot', buurtId, at: later });
		expect(again.id).toBe(buurtpot.id);
		expect(again.createdAt).toEqual(at);
		const world1 = await ensureAccount(db, { kind: 'world', at });
		const world2 = await ensureAccount(db, { kind: 'world', at });
		expect(world1.id).toBe(world2.id);
		expect(world1.mayGoNegative).toBe(true);
		expect(buurtpot.mayGoNegative).toBe(false);
	});

	it('refuses a buurt account without a buurt, an unknown buurt, and a world account with one', async () => {
		const missing = await domainError(ensureAccount(db, { kind: 'funding', at }), 'validation.invalid');
		expect(missing.fields.buurtId).toBe('ledger.buurt_required');
		await domainError(ensureAccount(db, { kind: 'world', buurtId, at }), 'validation.invalid');
		await domainError(
			ensureAccount(db, { kind: 'funding', buurtId: '6f1c1d0e-3f4a-4b5c-8d6e-7f8091a2b3c4', at }),
			'ledger.buurt_not_found'
		);
	});

	it('the database refuses to take an ordinary account below zero, or to rewrite it', async () => {
		await expect(db.query('UPDATE ledger_accounts SET balance = -1, version = version + 1 WHERE id = $1', [buurtpot.id])).rejects.toThrow(
			/ledger_accounts_limit/
		);
		await expect(db.query('UPDATE ledger_accounts SET balance = balance + 1 WHERE id = $1', [buurtpot.id])).rejects.toThrow(
			/only balance and version may change/
		);
		await expect(db.query("UPDATE ledger_accounts SET kind = 'expense' WHERE id = $1", [buurtpot.id])).rejects.toThrow();
		await expect(db.query('DELETE FROM ledger_accounts WHERE id = $1', [buurtpot.id])).rejects.toThrow();
		await expect(
			db.query("UPDATE ledger_accounts SET may_go_negative = true WHERE id = $1", [buurtpot.id])
		).rejects.toThrow();
	});
});

describe('transfers', () => {
	it('refuses unknown accounts, mixed ledgers, one account on both sides and the ledger namespace', async () => {
		const leg = (debitAccountId: string, creditAccountId: string) => ({
			id: 'bad',
			code: 'test.bad',
			actorId: null,
			at,
			legs: [{ debitAccountId, creditAccountId, amount: 1 }]
		});
		await domainError(transfer(db, leg(buurtpot.id, '6f1c1d0e-3f4a-4b5c-8d6e-7f8091a2b3c4')), 'ledger.account_not_found');
		const minutes = await ensureAccount(db, { ledger: 'MIN', kind: 'buurtpot', buurtId, at });
		await domainError(transfer(db, leg(buurtpot.id, minutes.id)), 'ledger.mixed_ledgers');
		const same = await domainError(transfer(db, leg(buurtpot.id, buurtpot.id)), 'validation.invalid');
		expect(same.fields['legs.0.creditAccountId']).toBe('ledger.same_account');
		const reserved = await domainError(transfer(db, { ...leg(funding.id, buurtpot.id), code: 'ledger.reversal' }), 'validation.invalid');
		expect(reserved.fields.code).toBe('ledger.reserved_code');
		await domainError(transfer(db, { ...leg(funding.id, buurtpot.id), legs: [] }), 'validation.invalid');
		await domainError(
			transfer(db, { ...leg(funding.id, buurtpot.id), legs: [{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: 0 }] }),
			'validation.invalid'
		);
	});

	it('refuses an attribution to, or an actor who, does not exist, writing nothing', async () => {
		const ghost = '6f1c1d0e-3f4a-4b5c-8d6e-7f8091a2b3c4';
		const legs = reward('ghost', [1, 1, 1]).legs.map((l) => ({ ...l, attributedTo: ghost }));
		const err = await domainError(transfer(db, { ...reward('ghost', [1, 1, 1]), legs }), 'ledger.person_not_found');
		expect(err.details).toEqual({ personIds: [ghost] });
		await domainError(transfer(db, { ...reward('ghost', [1, 1, 1]), actorId: ghost }), 'ledger.actor_not_found');
		expect(await getTransfer(db, { transferId: 'ghost' })).toBeNull();
	});
});

describe('history', () => {
	it('is append-only', async () => {
		await expect(db.query("UPDATE ledger_transfers SET note = 'x' WHERE id = 'reward-1'")).rejects.toThrow(/append-only/);
		await expect(db.query("DELETE FROM ledger_transfers WHERE id = 'reward-1'")).rejects.toThrow(/append-only/);
		await expect(db.query('UPDATE ledger_entries SET amount = amount + 1')).rejects.toThrow(/append-only/);
		await expect(db.query('DELETE FROM ledger_legs')).rejects.toThrow(/append-only/);
		await expect(db.query('TRUNCATE ledger_entries')).rejects.toThrow(/append-only/);
	});

	it('passes the full ledger check, over both ledgers', async () => {
		const check = await checkLedger(db);
		expect(check.mismatches).toEqual([]);
		expect(check.ledgers.map((l) => l.ledger)).toEqual(['EUR', 'MIN']);
	});
});
