import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type Db, type Queryable } from '../db/client';
import { DomainError, httpStatusFor } from '../shared/errors';
import { ensureAccount, ensureBuurtAccounts, getBalance, postTransfer, topUp, transfer, type LedgerAccount, type PostedTransfer } from './index';
import { createQuietTestDb, untilNobodyConnected } from './test-db-quiet';
import { createBuurt, createPerson } from './test-fixtures';

/**
 * One transfer id posted by many connections at the same moment, with the same and with other
 * content. Whatever PostgreSQL does with the race (the id claim waits, a lock wait ends in a
 * serialization failure or a deadlock), each caller gets an answer a user can act on: the first
 * result, `ledger.idempotency_mismatch`, or the retryable `ledger.concurrent_conflict` (after
 * which a retry answers like any other) — never a raw PostgreSQL error, and the id is applied
 * exactly once. Real races need a real server (PGlite runs one transaction at a time):
 * TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run src/lib/server/ledger/ledger.race.test.ts
 */

const serverUrl = process.env.TEST_DATABASE_URL;
const CLIENTS = 16;
const at = new Date('2025-10-01T09:00:00Z');
const START = 1_000_000;

let testDb: Db & { url: string | null };
let db: Db;
let staff: string;

interface Buurt {
	funding: LedgerAccount;
	buurtpot: LedgerAccount;
	expense: LedgerAccount;
}

/** What one client sends: `variant` names its content (same variant, same content). */
interface Call {
	id: string;
	variant: string;
	legs: { debitAccountId: string; creditAccountId: string; amount: number }[];
}

interface Outcome {
	call: Call;
	result?: PostedTransfer;
	code?: string;
	unexpected?: unknown;
}

const input = (call: Call) => ({ id: call.id, code: 'test.race', legs: call.legs, actorId: null, at });
const pay = (from: LedgerAccount, to: LedgerAccount, amount: number) => [{ debitAccountId: from.id, creditAccountId: to.id, amount }];

async function outcomeOf(call: Call, run: () => Promise<PostedTransfer>): Promise<Outcome> {
	try {
		return { call, result: await run() };
	} catch (err) {
		return err instanceof DomainError ? { call, code: err.code } : { call, unexpected: err };
	}
}

/** A buurt whose funding account holds START cents. */
async function freshBuurt(): Promise<Buurt> {
	const accounts = await ensureBuurtAccounts(db, { buurtId: await createBuurt(db), at });
	await topUp(db, { id: `start-${accounts.funding.id}`, accountId: accounts.funding.id, amount: START, note: 'Start', actorId: staff, at });
	return accounts;
}

/**
 * Every answer for one id: no raw error, exactly one call applied, every replay is that call's
 * result (same seq, same content), idempotency_mismatch only for other content, and the
 * remaining codes among `allowed`. Returns the applied call.
 */
function expectOneAnswer(outcomes: Outcome[], allowed: string[]): Call {
	expect(outcomes.filter((o) => o.unexpected !== undefined).map((o) => String(o.unexpected))).toEqual([]);
	const winners = outcomes.filter((o) => o.result?.applied);
	expect(winners, `${outcomes[0].call.id} applied once`).toHaveLength(1);
	const winner = winners[0];
	for (const o of outcomes.filter((x) => x !== winner)) {
		if (o.result) expect({ applied: o.result.applied, seq: o.result.seq, variant: o.call.variant }).toEqual({ applied: false, seq: winner.result!.seq, variant: winner.call.variant });
		else if (o.code === 'ledger.idempotency_mismatch') expect(o.call.variant).not.toBe(winner.call.variant);
		else expect(allowed).toContain(o.code);
	}
	return winner.call;
}

/** Balances are START on funding plus exactly the applied calls' legs; one audit row per id. */
async function expectApplied(buurten: Buurt[], applied: Call[]) {
	const expected = new Map<string, number>();
	for (const b of buurten) for (const a of [b.funding, b.buurtpot, b.expense]) expected.set(a.id, a === b.funding ? START : 0);
	for (const call of applied)
		for (const leg of call.legs) {
			expected.set(leg.debitAccountId, expected.get(leg.debitAccountId)! - leg.amount);
			expected.set(leg.creditAccountId, expected.get(leg.creditAccountId)! + leg.amount);
		}
	for (const [accountId, balance] of expected) expect({ accountId, balance: (await getBalance(db, { accountId })).balance }).toEqual({ accountId, balance });
	const [{ audits }] = await db.query<{ audits: number }>("SELECT count(*)::int AS audits FROM audit_log WHERE subject = ANY($1)", [
		applied.map((c) => `ledger_transfer:${c.id}`)
	]);
	expect(audits).toBe(applied.length);
}

/** A promise every client awaits until all have arrived: then they go at once. */
function barrier(parties: number) {
	let arrived = 0;
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return async () => {
		if (++arrived === parties) open();
		await opened;
	};
}

/** Three contents for one id: a, b (one cent more, same accounts), c (other buurt's accounts). */
function contenders(id: string, near: Buurt, far: Buurt, clients: number): Call[] {
	const legs = { a: pay(near.funding, near.buurtpot, 100), b: pay(near.funding, near.buurtpot, 101), c: pay(far.funding, far.buurtpot, 100) };
	return Array.from({ length: clients }, (_, i) => {
		const variant = (['a', 'a', 'b', 'c'] as const)[i % 4];
		return { id, variant, legs: legs[variant] };
	});
}

describe.skipIf(!serverUrl)('one transfer id posted by many connections at once (PostgreSQL only)', () => {
	beforeAll(async () => {
		testDb = await createQuietTestDb();
		db = await connectPostgres(testDb.url!, CLIENTS);
		staff = await createPerson(db, 'Staf');
		await ensureAccount(db, { kind: 'world', at });
	});

	afterAll(async () => {
		await db?.close();
		if (testDb?.url) await untilNobodyConnected(new URL(testDb.url).pathname.slice(1));
		await testDb?.close();
	});

	it('answers each standalone post with the first result or idempotency_mismatch', async () => {
		const near = await freshBuurt();
		const far = await freshBuurt();
		const applied: Call[] = [];
		for (let round = 0; round < 20; round++) {
			const calls = contenders(`same-${round}`, near, far, CLIENTS);
			const outcomes = await Promise.all(calls.map((call) => outcomeOf(call, () => transfer(db, input(call)))));
			applied.push(expectOneAnswer(outcomes, []));
		}
		await expectApplied([near, far], applied);
	});

	it('inside callers’ REPEATABLE READ transactions: losers get concurrent_conflict, and a retry answers', async () => {
		const near = await freshBuurt();
		const far = await freshBuurt();
		const applied: Call[] = [];
		for (let round = 0; round < 5; round++) {
			const calls = contenders(`repeatable-${round}`, near, far, 8);
			const allThere = barrier(calls.length);
			const outcomes = await Promise.all(
				calls.map((call) =>
					outcomeOf(call, () =>
						db.transaction(async (tx) => {
							// Every snapshot is taken before anyone posts: each loser's predates the winner's commit.
							await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
							await tx.query('SELECT count(*) FROM ledger_transfers');
							await allThere();
							return postTransfer(tx, input(call));
						})
					)
				)
			);
			const winner = expectOneAnswer(outcomes, ['ledger.concurrent_conflict']);
			const losers = outcomes.filter((o) => !o.result?.applied);
			expect(losers.map((o) => o.code)).toEqual(losers.map(() => 'ledger.concurrent_conflict'));
			// The retry: the first result for the same content, idempotency_mismatch for other content.
			const retries = await Promise.all(losers.map((o) => outcomeOf(o.call, () => transfer(db, input(o.call)))));
			for (const r of retries)
				if (r.call.variant === winner.variant) expect(r.result).toMatchObject({ applied: false, id: winner.id });
				else expect(r.code).toBe('ledger.idempotency_mismatch');
			applied.push(winner);
		}
		expect(httpStatusFor('ledger.concurrent_conflict')).toBe(409);
		await expectApplied([near, far], applied);
	});

	it('callers posting the same two ids in crossed order (a deadlock): the victim gets concurrent_conflict, its retry replays', async () => {
		const first = await freshBuurt();
		const second = await freshBuurt();
		const applied: Call[] = [];
		// Each round waits for PostgreSQL's deadlock_timeout (1 s by default).
		for (let round = 0; round < 3; round++) {
			const x: Call = { id: `crossed-x-${round}`, variant: 'x', legs: pay(first.funding, first.buurtpot, 10) };
			const y: Call = { id: `crossed-y-${round}`, variant: 'y', legs: pay(second.funding, second.buurtpot, 20) };
			const bothPostedOnce = barrier(2);
			const both = (tx: Queryable, [one, two]: Call[]) =>
				postTransfer(tx, input(one)).then(async () => {
					await bothPostedOnce();
					return postTransfer(tx, input(two));
				});
			const runs = await Promise.all([
				outcomeOf(x, () => db.transaction((tx) => both(tx, [x, y]))),
				outcomeOf(y, () => db.transaction((tx) => both(tx, [y, x])))
			]);
			expect(runs.filter((r) => r.unexpected !== undefined).map((r) => String(r.unexpected))).toEqual([]);
			expect(runs.map((r) => r.code ?? 'committed').sort()).toEqual(['committed', 'ledger.concurrent_conflict']);
			const victim = runs.find((r) => r.code)!;
			const order = victim.call === x ? [x, y] : [y, x];
			const retried = await db.transaction(async (tx) => [await postTransfer(tx, input(order[0])), await postTransfer(tx, input(order[1]))]);
			expect(retried.map((t) => t.applied)).toEqual([false, false]);
			applied.push(x, y);
		}
		await expectApplied([first, second], applied);
	});

	it('on a server whose default isolation is SERIALIZABLE, standalone posts still answer (concurrent_conflict at worst)', async () => {
		const url = new URL(testDb.url!);
		url.searchParams.set('options', '-c default_transaction_isolation=serializable');
		const serializable = await connectPostgres(url.toString(), CLIENTS);
		const hot = await freshBuurt();
		const applied: Call[] = [];
		try {
			for (let round = 0; round < 10; round++) {
				// Half the clients race for one id, the other half post their own ids to the same hot account.
				const calls = Array.from({ length: CLIENTS }, (_, i): Call => {
					const shared = i % 2 === 0;
					return { id: shared ? `serial-${round}` : `serial-${round}-${i}`, variant: i % 4 === 0 ? 'a' : 'b', legs: pay(hot.funding, hot.buurtpot, i % 4 === 0 ? 7 : 8) };
				});
				const outcomes = await Promise.all(calls.map((call) => outcomeOf(call, () => transfer(serializable, input(call)))));
				for (const id of new Set(calls.map((c) => c.id))) {
					const forId = outcomes.filter((o) => o.call.id === id);
					if (forId.every((o) => o.code === 'ledger.concurrent_conflict')) continue;
					applied.push(expectOneAnswer(forId, ['ledger.concurrent_conflict']));
				}
			}
		} finally {
			await serializable.close();
		}
		expect(applied.length).toBeGreaterThan(0);
		await expectApplied([hot], applied);
	});
});

describe.skipIf(serverUrl)('one transfer id posted by many connections at once', () => {
	it.skip('needs a real PostgreSQL server: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)', () => {});
});
