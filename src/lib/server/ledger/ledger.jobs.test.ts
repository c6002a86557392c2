import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { testCtx } from '../shared/test-ctx';
import { ensureBuurtAccounts, getBalance, getLatestLedgerCheck, ledgerJobs, topUp, transfer, type LedgerAccount } from './index';
import { createQuietTestDb } from './test-db-quiet';
import { createBuurt, createPerson } from './test-fixtures';

/**
 * The ledger check as a job: it records every outcome for admins' home page, and a broken
 * invariant is loud (error log, audit row). Runs on PGlite and, with TEST_DATABASE_URL, on the
 * server.
 */

let db: Db;
const at = new Date('2025-11-03T10:00:00Z');
let staff: string;
let helper: string;
let funding: LedgerAccount;
let buurtpot: LedgerAccount;

/** A real pino logger whose lines the test can read. */
function recordingLog() {
	const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
	const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
	return { log, lines, errors: () => lines.filter((l) => l.level >= 50) };
}

const job = ledgerJobs.find((j) => j.name === 'ledger.check')!;

async function runJob(now: Date) {
	const recorded = recordingLog();
	await job.handler({ ...testCtx(db, now), log: recorded.log }, {});
	return recorded;
}

const failedAudits = () =>
	db.query<{ subject: string; details: Record<string, unknown> }>(
		"SELECT subject, details FROM audit_log WHERE action = 'ledger.check_failed' ORDER BY id"
	);

beforeAll(async () => {
	db = await createQuietTestDb();
	staff = await createPerson(db, 'Staf');
	helper = await createPerson(db, 'Helper');
	({ funding, buurtpot } = await ensureBuurtAccounts(db, { buurtId: await createBuurt(db), at }));
	await topUp(db, { id: 'jobs-topup', accountId: funding.id, amount: 50_00, note: 'Budget', actorId: staff, at });
	for (const n of [1, 2, 3])
		await transfer(db, {
			id: `jobs-reward-${n}`,
			code: 'superbuurt.reward',
			actorId: null,
			at,
			legs: [{ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount: n * 1_00, attributedTo: helper, code: 'helper' }]
		});
});

afterAll(async () => {
	await db?.close();
});

describe('the ledger check job', () => {
	it('runs hourly', () => {
		expect(job.cron).toMatch(/^\d{1,2} \* \* \* \*$/);
	});

	it('records a clean ledger as ok, quietly', async () => {
		expect(await getLatestLedgerCheck(db)).toBeNull();
		const { errors } = await runJob(at);
		expect(await getLatestLedgerCheck(db)).toEqual({ checkedAt: at, ok: true, mismatches: [] });
		expect(errors()).toEqual([]);
		expect(await failedAudits()).toEqual([]);
	});

	it('on a corrupted cached balance: not ok naming the account, an audit row and an error log', async () => {
		const { balance } = await getBalance(db, { accountId: buurtpot.id });
		// Plant the corruption past the guard trigger (balance changes only with a new version).
		await db.transaction(async (tx) => {
			await tx.query('SET LOCAL session_replication_role = replica');
			await tx.query('UPDATE ledger_accounts SET balance = balance + 1 WHERE id = $1', [buurtpot.id]);
		});
		const later = new Date(at.getTime() + 3600_000);
		const { errors } = await runJob(later);

		const latest = await getLatestLedgerCheck(db);
		expect(latest).toMatchObject({ checkedAt: later, ok: false });
		expect(latest!.mismatches).toContainEqual({ kind: 'cached_balance', accountId: buurtpot.id, cached: balance + 1, fromEntries: balance });

		const audits = await failedAudits();
		expect(audits).toHaveLength(1);
		expect(audits[0].subject).toMatch(/^ledger_check:\d+$/);
		expect(audits[0].details).toMatchObject({ byKind: { cached_balance: 1 } });
		expect(audits[0].details.mismatches).toContainEqual(expect.objectContaining({ accountId: buurtpot.id }));

		expect(errors()).toHaveLength(1);
		expect(errors()[0].msg).toMatch(/ledger check failed/);
		expect(errors()[0].mismatches).toContainEqual(expect.objectContaining({ kind: 'cached_balance', accountId: buurtpot.id }));
	});

	it('shows the latest check, not the worst one', async () => {
		await db.transaction(async (tx) => {
			await tx.query('SET LOCAL session_replication_role = replica');
			await tx.query('UPDATE ledger_accounts SET balance = balance - 1 WHERE id = $1', [buurtpot.id]);
		});
		const repaired = new Date(at.getTime() + 2 * 3600_000);
		await runJob(repaired);
		expect(await getLatestLedgerCheck(db)).toEqual({ checkedAt: repaired, ok: true, mismatches: [] });
		expect(await failedAudits()).toHaveLength(1);
	});
});
