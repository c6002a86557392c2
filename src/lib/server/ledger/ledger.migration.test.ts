import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, openPglite, type Db } from '../db/client';
import { migrate, migrationsDir, readMigrations } from '../db/migrate';
import {
	checkLedger,
	ensureBuurtAccounts,
	getAttributionForPerson,
	getBalance,
	getTransfer,
	listAttributionForBuurt,
	listEntries,
	reverseTransfer,
	topUp,
	transfer,
	type LedgerAccount
} from './index';
import { createBuurt, createPerson } from './test-fixtures';

/**
 * Migration 0021 (one entry per account per transfer) on a ledger that already holds 0020's
 * entries (one per leg side): old rows stay valid, new transfers chain onto them, and every
 * read and the ledger check understand both.
 */

let db: Db;
let dropDatabase: () => Promise<void> = async () => {};
let staff: string;
let helper: string;
let asker: string;
let buurtId: string;
let funding: LedgerAccount;
let buurtpot: LedgerAccount;
const at = new Date('2025-03-01T10:00:00Z');

async function openEmpty(): Promise<Db> {
	const url = process.env.TEST_DATABASE_URL;
	if (!url) return openPglite();
	const name = `noaber_test_${randomBytes(6).toString('hex')}`;
	const admin = await connectPostgres(url, 1);
	await admin.exec(`CREATE DATABASE ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	const opened = await connectPostgres(target.toString(), 4);
	dropDatabase = async () => {
		for (let i = 0; i < 50; i++) {
			const [row] = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
			if (row.n === 0) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.close();
	};
	return opened;
}

const reward = (id: string, amounts: [number, number]) => ({
	id,
	code: 'superbuurt.reward',
	actorId: null,
	at,
	legs: [
		{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: amounts[0], attributedTo: asker, code: 'asker' },
		{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: amounts[1], attributedTo: helper, code: 'helper' }
	]
});

beforeAll(async () => {
	db = await openEmpty();
	// Everything up to 0020, as a database deployed before 0021 has it.
	const before = mkdtempSync(path.join(tmpdir(), 'ledger-0020-'));
	try {
		for (const m of readMigrations().filter((m) => m.name < '0021')) copyFileSync(path.join(migrationsDir(), m.name), path.join(before, m.name));
		await migrate(db, before);
	} finally {
		rmSync(before, { recursive: true, force: true });
	}
	buurtId = await createBuurt(db);
	[staff, asker, helper] = await Promise.all(['Staf', 'Vrager', 'Helper'].map((n) => createPerson(db, n)));
	({ funding, buurtpot } = await ensureBuurtAccounts(db, { buurtId, at }));
	await topUp(db, { id: 'old-topup', accountId: funding.id, amount: 100_00, note: 'x', actorId: staff, at });
	await transfer(db, reward('old-reward', [1_00, 2_00]));
	await transfer(db, reward('old-reward-2', [1_00, 4_00]));
	await migrate(db);
});

afterAll(async () => {
	await db?.close();
	await dropDatabase();
});

describe('migration 0021 on a ledger with 0020 entries', () => {
	it('keeps the old per-leg entries and chains new per-account entries onto them', async () => {
		const old = await getTransfer(db, { transferId: 'old-reward' });
		expect(old!.entries).toHaveLength(4);
		const fresh = await transfer(db, reward('new-reward', [1_00, 3_00]));
		expect(fresh.entries).toHaveLength(2);
		const fundingEntry = fresh.entries.find((e) => e.accountId === funding.id)!;
		expect(fundingEntry).toMatchObject({ version: 6, amount: -4_00, balanceBefore: 92_00, balanceAfter: 88_00 });
		expect(await getBalance(db, { accountId: funding.id })).toMatchObject({ balance: 88_00, version: 6 });
		expect((await getTransfer(db, { transferId: 'new-reward' }))!.entries).toEqual(fresh.entries);
	});

	it('lists both kinds of entry with their legs', async () => {
		const { entries } = await listEntries(db, { accountId: buurtpot.id, limit: 50 });
		expect(entries.map((e) => [e.transferId, e.amount, e.legCode])).toEqual([
			['new-reward', 4_00, null],
			['old-reward-2', 4_00, 'helper'],
			['old-reward-2', 1_00, 'asker'],
			['old-reward', 2_00, 'helper'],
			['old-reward', 1_00, 'asker']
		]);
		expect(entries[1]).toMatchObject({ attributedTo: helper, counterpartyAccountId: funding.id });
	});

	it('reverses an old transfer, and attributes old and new legs alike', async () => {
		await reverseTransfer(db, { id: 'old-reward-2.rev', transferId: 'old-reward-2', reason: 'fout', actorId: staff, at });
		const byPerson = await listAttributionForBuurt(db, { buurtId });
		expect(byPerson).toEqual([
			{ personId: helper, total: 2_00 + 3_00, transfers: 4 },
			{ personId: asker, total: 1_00 + 1_00, transfers: 4 }
		]);
		expect((await getAttributionForPerson(db, { personId: helper })).total).toBe(5_00);
	});

	it('passes the full ledger check', async () => {
		const check = await checkLedger(db);
		expect(check.mismatches).toEqual([]);
		expect(check.ok).toBe(true);
	});
});
