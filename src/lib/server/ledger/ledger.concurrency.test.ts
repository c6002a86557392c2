import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type Db } from '../db/client';
import { DomainError } from '../shared/errors';
import {
	checkLedger,
	ensureAccount,
	ensureBuurtAccounts,
	reverseTransfer,
	topUp,
	transfer,
	type LedgerAccount,
	type PostedTransfer
} from './index';
import { createQuietTestDb, untilNobodyConnected } from './test-db-quiet';
import { createBuurt, createPerson } from './test-fixtures';

/**
 * Concurrency: real row locks and real races need a real server. PGlite runs one transaction at
 * a time, so on PGlite this suite would prove nothing; it runs only with TEST_DATABASE_URL
 * (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run src/lib/server/ledger).
 *
 * 16 clients (the test pool holds 20) send 3,000 random transfers over a few hot buurt accounts,
 * a quarter of them twice (retries racing the first attempt) and some with a clashing second
 * content, then race two reversals per transfer. Afterwards: no server error, every id applied
 * at most once, balances equal exactly the applied contents, nothing below zero, ledger checks.
 */

const CLIENTS = 16;
const TRANSFERS = 3_000;
const BUURTEN = 4;
const seed = Number(process.env.LEDGER_SEED ?? Date.now() % 1_000_000);

/** Small seeded PRNG (mulberry32), so a failure can be replayed with LEDGER_SEED. */
function prng(state: number) {
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = prng(seed);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: T[]) => items[int(0, items.length - 1)];

interface LegSpec {
	debitAccountId: string;
	creditAccountId: string;
	amount: number;
}

/** One call to make; several calls may share an id (retries, clashes). */
interface Call {
	id: string;
	variant: 'first' | 'clash';
	legs: LegSpec[];
	run: () => Promise<PostedTransfer>;
}

interface Outcome {
	call: Call;
	result?: PostedTransfer;
	code?: string;
	unexpected?: unknown;
}

/** The test database as created (and finally dropped) by createTestDb. */
let testDb: Db & { url: string | null };
/** Our own pool on that database, for the racing clients. */
let db: Db;
const at = new Date('2025-09-01T12:00:00Z');
let staff: string;
let people: string[];
let world: LedgerAccount;
let buurten: { funding: LedgerAccount; buurtpot: LedgerAccount; expense: LedgerAccount }[];

/** Runs the calls on CLIENTS workers pulling from one queue. */
async function runConcurrently(calls: Call[]): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	let next = 0;
	const worker = async () => {
		while (next < calls.length) {
			const call = calls[next++];
			try {
				outcomes.push({ call, result: await call.run() });
			} catch (err) {
				if (err instanceof DomainError) outcomes.push({ call, code: err.code });
				else outcomes.push({ call, unexpected: err });
			}
		}
	};
	await Promise.all(Array.from({ length: CLIENTS }, worker));
	return outcomes;
}

function randomTransferLegs(): { code: string; legs: (LegSpec & { attributedTo?: string })[] } {
	const buurt = pick(buurten);
	const roll = random();
	if (roll < 0.55)
		return {
			code: 'superbuurt.reward',
			legs: people.map((person) => ({
				debitAccountId: buurt.funding.id,
				creditAccountId: buurt.buurtpot.id,
				amount: int(1, 500),
				attributedTo: person
			}))
		};
	if (roll < 0.8)
		return {
			code: 'buurtpot.payout',
			legs: [{ debitAccountId: buurt.buurtpot.id, creditAccountId: buurt.expense.id, amount: int(1, 2_000) }]
		};
	// Across buurten, in random directions: lock sets overlap in every order.
	const accounts = buurten.flatMap((b) => [b.funding, b.buurtpot]);
	return {
		code: 'test.shuffle',
		legs: Array.from({ length: int(1, 3) }, () => {
			const from = pick(accounts);
			const to = pick(accounts.filter((a) => a.id !== from.id));
			return { debitAccountId: from.id, creditAccountId: to.id, amount: int(1, 300) };
		})
	};
}

/** 3,000 ids; ~25% retried with the same content, ~3% clashed with other content, close by. */
function buildMainCalls(): Call[] {
	const queue: Call[] = [];
	const placeNear = (call: Call) => queue.splice(Math.max(0, queue.length - int(0, 20)), 0, call);
	for (let i = 0; i < TRANSFERS; i++) {
		const id = `c-${i}`;
		if (random() < 0.1) {
			const target = pick(buurten)[pick(['funding', 'buurtpot'] as const)];
			const amount = int(1_000, 20_000);
			const call: Call = {
				id,
				variant: 'first',
				legs: [{ debitAccountId: world.id, creditAccountId: target.id, amount }],
				run: () => topUp(db, { id, accountId: target.id, amount, note: 'Budget', actorId: staff, at })
			};
			queue.push(call);
			if (random() < 0.25) placeNear({ ...call });
			continue;
		}
		const { code, legs } = randomTransferLegs();
		const call: Call = {
			id,
			variant: 'first',
			legs,
			run: () => transfer(db, { id, code, legs, actorId: null, at })
		};
		queue.push(call);
		if (random() < 0.25) placeNear({ ...call });
		if (random() < 0.03) {
			const clashLegs = legs.map((l, n) => (n === 0 ? { ...l, amount: l.amount + 1 } : l));
			placeNear({ id, variant: 'clash', legs: clashLegs, run: () => transfer(db, { id, code, legs: clashLegs, actorId: null, at }) });
		}
	}
	return queue;
}

/** Two different reversals of each applied transfer, racing, plus a retry of the first. */
function buildReversalCalls(applied: Map<string, Call>): Call[] {
	const queue: Call[] = [];
	const ids = [...applied.keys()].filter(() => random() < 0.1);
	for (const original of ids) {
		const mirrored = applied.get(original)!.legs.map((l) => ({ ...l, debitAccountId: l.creditAccountId, creditAccountId: l.debitAccountId }));
		for (const id of [`${original}.rev-a`, `${original}.rev-b`, `${original}.rev-a`])
			queue.push({
				id,
				variant: 'first',
				legs: mirrored,
				run: () => reverseTransfer(db, { id, transferId: original, reason: 'Correctie', actorId: staff, at })
			});
	}
	return queue;
}

/** Per id: the one call that applied (at most one), checked against every other outcome. */
function appliedCalls(outcomes: Outcome[], allowed: string[]): Map<string, Call> {
	const failures = outcomes.filter((o) => o.unexpected !== undefined);
	expect(failures.map((f) => String(f.unexpected)), `seed ${seed}`).toEqual([]);
	const codes = new Set(outcomes.flatMap((o) => (o.code ? [o.code] : [])));
	for (const code of codes) expect(allowed, `seed ${seed}`).toContain(code);

	const byId = new Map<string, Outcome[]>();
	for (const o of outcomes) byId.set(o.call.id, [...(byId.get(o.call.id) ?? []), o]);
	const applied = new Map<string, Call>();
	for (const [id, all] of byId) {
		const winners = all.filter((o) => o.result?.applied);
		expect(winners.length, `${id} applied more than once (seed ${seed})`).toBeLessThanOrEqual(1);
		const replays = all.filter((o) => o.result && !o.result.applied);
		if (replays.length > 0) expect(winners, `${id} replayed but never applied (seed ${seed})`).toHaveLength(1);
		for (const replay of replays) {
			expect(replay.result!.seq).toBe(winners[0].result!.seq);
			expect(replay.call.variant).toBe(winners[0].call.variant);
		}
		if (winners.length === 1) applied.set(id, winners[0].call);
	}
	return applied;
}

async function expectBalancesToMatch(applied: Call[]) {
	const expected = new Map<string, number>();
	const add = (id: string, amount: number) => expected.set(id, (expected.get(id) ?? 0) + amount);
	for (const call of applied)
		for (const leg of call.legs) {
			add(leg.debitAccountId, -leg.amount);
			add(leg.creditAccountId, leg.amount);
		}
	const rows = await db.query<{ id: string; balance: number }>('SELECT id, balance FROM ledger_accounts');
	for (const row of rows) expect({ id: row.id, balance: row.balance }).toEqual({ id: row.id, balance: expected.get(row.id) ?? 0 });
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('ledger under concurrency (PostgreSQL only)', () => {
	beforeAll(async () => {
		testDb = await createQuietTestDb();
		db = await connectPostgres(testDb.url!, CLIENTS);
		staff = await createPerson(db, 'Staf');
		people = [await createPerson(db, 'Anna'), await createPerson(db, 'Bram'), await createPerson(db, 'Cem')];
		world = await ensureAccount(db, { kind: 'world', at });
		buurten = [];
		for (let i = 0; i < BUURTEN; i++) buurten.push(await ensureBuurtAccounts(db, { buurtId: await createBuurt(db), at }));
	});

	afterAll(async () => {
		// Our own pool first, fully gone, so that testDb's close() finds nobody connected.
		await db?.close();
		if (testDb?.url) await untilNobodyConnected(new URL(testDb.url).pathname.slice(1));
		await testDb?.close();
	});

	let appliedMain: Map<string, Call>;

	it(`applies ${TRANSFERS} racing transfers, retries and clashes exactly once each`, async () => {
		const calls = buildMainCalls();
		const outcomes = await runConcurrently(calls);
		expect(outcomes).toHaveLength(calls.length);
		appliedMain = appliedCalls(outcomes, ['ledger.limit_exceeded', 'ledger.idempotency_mismatch']);
		expect(appliedMain.size, 'most transfers should go through').toBeGreaterThan(TRANSFERS / 3);

		const [{ transfers, audits }] = await db.query<{ transfers: number; audits: number }>(
			`SELECT (SELECT count(*)::int FROM ledger_transfers) AS transfers,
				(SELECT count(*)::int FROM audit_log WHERE action LIKE 'ledger.%') AS audits`
		);
		expect(transfers).toBe(appliedMain.size);
		expect(audits).toBe(appliedMain.size);
		await expectBalancesToMatch([...appliedMain.values()]);
	});

	it('lets exactly one of two racing reversals through', async () => {
		const calls = buildReversalCalls(appliedMain);
		const outcomes = await runConcurrently(calls);
		const reversals = appliedCalls(outcomes, ['ledger.limit_exceeded', 'ledger.already_reversed']);
		const reversedOriginals = [...reversals.keys()].map((id) => id.replace(/\.rev-[ab]$/, ''));
		expect(new Set(reversedOriginals).size).toBe(reversedOriginals.length);
		await expectBalancesToMatch([...appliedMain.values(), ...reversals.values()]);
	});

	it('keeps every invariant: limits, cached balances, chains, zero sum', async () => {
		const [{ breaches }] = await db.query<{ breaches: number }>(
			`SELECT count(*)::int AS breaches FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
			 WHERE NOT a.may_go_negative AND e.balance_after < 0`
		);
		expect(breaches).toBe(0);
		const check = await checkLedger(db);
		expect(check.mismatches).toEqual([]);
		expect(check.ledgersSumZero).toBe(true);
	});
});
