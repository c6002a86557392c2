import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { DomainError } from '../shared/errors';
import {
	checkLedger,
	ensureAccount,
	ensureBuurtAccounts,
	getBalance,
	reverseTransfer,
	topUp,
	transfer,
	type LedgerAccount,
	type PostedTransfer
} from './index';
import { createQuietTestDb } from './test-db-quiet';
import { createBuurt, createPerson } from './test-fixtures';

/**
 * Model-based property test: random sequences of transfers, top-ups, retries (same id, same
 * content), clashes (same id, other content) and reversals, each checked against a tiny
 * in-memory model of what the ledger must do, and after every sequence the invariants:
 * every ledger sums to zero, cached balances equal the entries, nothing below zero that may not
 * be, and every recorded id applied exactly once (balances match the model, one audit row each).
 */

interface LegSpec {
	debitAccountId: string;
	creditAccountId: string;
	amount: number;
	attributedTo: string | null;
}

/** What was sent under an id; `recorded` once the ledger accepted it. */
interface SentTransfer {
	id: string;
	kind: 'transfer' | 'topUp';
	legs: LegSpec[];
	input: Record<string, unknown>;
	recorded: boolean;
	reversedBy: string | null;
}

type Command =
	| { kind: 'transfer'; ledger: number; legs: { from: number; to: number; amount: number; person: number | null }[] }
	| { kind: 'topUp'; target: number; amount: number }
	| { kind: 'retry'; pick: number }
	| { kind: 'clash'; pick: number; delta: number }
	| { kind: 'reverse'; pick: number; secondId: boolean };

let db: Db;
const at = new Date('2025-06-01T08:00:00Z');
let staff: string;
let people: string[];
/** Per ledger: every account, world first. */
let ledgers: LedgerAccount[][];
let topUpTargets: LedgerAccount[];
let accountsById: Map<string, LedgerAccount>;
let runNo = 0;

beforeAll(async () => {
	db = await createQuietTestDb();
	staff = await createPerson(db, 'Staf');
	people = [await createPerson(db, 'Anna'), await createPerson(db, 'Bram'), await createPerson(db, 'Cem')];
	const buurten = [await createBuurt(db), await createBuurt(db)];
	ledgers = [];
	for (const ledger of ['EUR', 'MIN']) {
		const world = await ensureAccount(db, { ledger, kind: 'world', at });
		const perBuurt = [];
		for (const buurtId of buurten) {
			const { funding, buurtpot, expense } = await ensureBuurtAccounts(db, { ledger, buurtId, at });
			perBuurt.push(funding, buurtpot, expense);
		}
		ledgers.push([world, ...perBuurt]);
	}
	topUpTargets = ledgers.flat().filter((a) => a.kind === 'funding' || a.kind === 'buurtpot');
	accountsById = new Map(ledgers.flat().map((a) => [a.id, a]));
});

afterAll(async () => {
	await db?.close();
});

const accountCount = () => ledgers[0].length;

const commandArb: fc.Arbitrary<Command> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('transfer' as const),
			ledger: fc.nat({ max: 1 }),
			legs: fc.array(
				fc.record({
					from: fc.nat({ max: 6 }),
					to: fc.nat({ max: 6 }),
					amount: fc.integer({ min: 1, max: 8_000 }),
					person: fc.option(fc.nat({ max: 2 }), { nil: null })
				}),
				{ minLength: 1, maxLength: 4 }
			)
		})
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('topUp' as const),
			target: fc.nat({ max: 7 }),
			amount: fc.integer({ min: 1, max: 20_000 })
		})
	},
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('clash' as const), pick: fc.nat(), delta: fc.integer({ min: 1, max: 5 }) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(), secondId: fc.boolean() }) }
);

/** Mirrors the ledger's rule: legs apply in order; no ordinary account may dip below zero. */
function breachesLimit(balances: Map<string, number>, legs: LegSpec[]): boolean {
	const next = new Map(balances);
	for (const leg of legs) {
		next.set(leg.debitAccountId, next.get(leg.debitAccountId)! - leg.amount);
		next.set(leg.creditAccountId, next.get(leg.creditAccountId)! + leg.amount);
		for (const id of [leg.debitAccountId, leg.creditAccountId])
			if (!accountsById.get(id)!.mayGoNegative && next.get(id)! < 0) return true;
	}
	return false;
}

function applyLegs(balances: Map<string, number>, legs: LegSpec[]): void {
	for (const leg of legs) {
		balances.set(leg.debitAccountId, balances.get(leg.debitAccountId)! - leg.amount);
		balances.set(leg.creditAccountId, balances.get(leg.creditAccountId)! + leg.amount);
	}
}

const mirror = (legs: LegSpec[]): LegSpec[] =>
	legs.map((l) => ({ ...l, debitAccountId: l.creditAccountId, creditAccountId: l.debitAccountId }));

/** Runs a call and reduces it to an outcome comparable with the model's prediction. */
async function outcome(call: Promise<PostedTransfer>): Promise<string> {
	try {
		const result = await call;
		return result.applied ? 'applied' : 'replayed';
	} catch (err) {
		if (err instanceof DomainError) return err.code;
		throw err;
	}
}

/** One run: executes the commands, checking each outcome against the model. */
async function runCommands(commands: Command[]): Promise<{ balances: Map<string, number>; sent: Map<string, SentTransfer> }> {
	const run = ++runNo;
	const balances = new Map<string, number>();
	for (const id of accountsById.keys()) balances.set(id, (await getBalance(db, { accountId: id })).balance);
	const sent = new Map<string, SentTransfer>();
	const sentOrder: SentTransfer[] = [];
	let step = 0;

	/** Posts a new id (or a not-yet-recorded retry) and predicts the result from the model. */
	const postFresh = async (spec: SentTransfer, call: () => Promise<PostedTransfer>) => {
		const expected = breachesLimit(balances, spec.legs) ? 'ledger.limit_exceeded' : 'applied';
		expect(await outcome(call())).toBe(expected);
		if (expected === 'applied') {
			applyLegs(balances, spec.legs);
			spec.recorded = true;
		}
	};

	const send = (spec: SentTransfer, when: Date) =>
		spec.kind === 'topUp'
			? topUp(db, { ...(spec.input as Parameters<typeof topUp>[1]), at: when })
			: transfer(db, { ...(spec.input as Parameters<typeof transfer>[1]), at: when });

	for (const command of commands) {
		const when = new Date(at.getTime() + ++step * 60_000);
		switch (command.kind) {
			case 'transfer': {
				const accounts = ledgers[command.ledger];
				const legs = command.legs.map((l) => {
					const from = l.from % accountCount();
					// Never both sides on one account: shift the credit side to the next account.
					const to = l.to % accountCount() === from ? (from + 1) % accountCount() : l.to % accountCount();
					return {
						debitAccountId: accounts[from].id,
						creditAccountId: accounts[to].id,
						amount: l.amount,
						attributedTo: l.person === null ? null : people[l.person]
					};
				});
				const id = `r${run}-t${step}`;
				const spec: SentTransfer = {
					id,
					kind: 'transfer',
					legs,
					input: { id, code: 'test.random', actorId: null, legs },
					recorded: false,
					reversedBy: null
				};
				sent.set(id, spec);
				sentOrder.push(spec);
				await postFresh(spec, () => send(spec, when));
				break;
			}
			case 'topUp': {
				const target = topUpTargets[command.target % topUpTargets.length];
				const world = ledgers.find((l) => l[0].ledger === target.ledger)![0];
				const id = `r${run}-u${step}`;
				const legs = [{ debitAccountId: world.id, creditAccountId: target.id, amount: command.amount, attributedTo: null }];
				const spec: SentTransfer = {
					id,
					kind: 'topUp',
					legs,
					input: { id, accountId: target.id, amount: command.amount, note: 'Budget', actorId: staff },
					recorded: false,
					reversedBy: null
				};
				sent.set(id, spec);
				sentOrder.push(spec);
				await postFresh(spec, () => send(spec, when));
				break;
			}
			case 'retry': {
				if (sentOrder.length === 0) break;
				const spec = sentOrder[command.pick % sentOrder.length];
				if (spec.recorded) expect(await outcome(send(spec, when))).toBe('replayed');
				else await postFresh(spec, () => send(spec, when));
				break;
			}
			case 'clash': {
				if (sentOrder.length === 0) break;
				const spec = sentOrder[command.pick % sentOrder.length];
				const [first, ...rest] = spec.legs;
				const altered = [{ ...first, amount: first.amount + command.delta }, ...rest];
				const input =
					spec.kind === 'topUp'
						? { ...spec.input, amount: altered[0].amount }
						: { ...spec.input, legs: altered };
				const call = () => send({ ...spec, input }, when);
				if (spec.recorded) expect(await outcome(call())).toBe('ledger.idempotency_mismatch');
				else {
					// Never recorded: the id is still free, so the altered content is a fresh attempt.
					spec.legs = altered;
					spec.input = input;
					await postFresh(spec, call);
				}
				break;
			}
			case 'reverse': {
				if (sentOrder.length === 0) break;
				const original = sentOrder[command.pick % sentOrder.length];
				const id = `${original.id}.rev${command.secondId ? '2' : ''}`;
				const call = () => reverseTransfer(db, { id, transferId: original.id, reason: 'Correctie', actorId: staff, at: when });
				const got = await outcome(call());
				if (!original.recorded) expect(got).toBe('ledger.transfer_not_found');
				else if (original.reversedBy === id) expect(got).toBe('replayed');
				else if (original.reversedBy !== null) expect(got).toBe('ledger.already_reversed');
				else if (breachesLimit(balances, mirror(original.legs))) expect(got).toBe('ledger.limit_exceeded');
				else {
					expect(got).toBe('applied');
					applyLegs(balances, mirror(original.legs));
					original.reversedBy = id;
					sent.set(id, { id, kind: 'transfer', legs: mirror(original.legs), input: {}, recorded: true, reversedBy: null });
				}
				break;
			}
		}
	}
	return { balances, sent };
}

describe('ledger invariants under random use', () => {
	it('hold for random transfers, top-ups, retries, clashes and reversals', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(commandArb, { minLength: 5, maxLength: 40, size: 'medium' }), async (commands) => {
				const { balances, sent } = await runCommands(commands);

				for (const [id, expected] of balances)
					expect({ id, balance: (await getBalance(db, { accountId: id })).balance }).toEqual({ id, balance: expected });

				const check = await checkLedger(db);
				expect(check.mismatches).toEqual([]);
				expect(check.ledgersSumZero).toBe(true);

				// The attribution totals the trigger keeps (migration 0165) equal a recount from the legs.
				const drift = await db.query(
					`WITH recount AS (
						SELECT account_id, attributed_to AS person_id, SUM(amount)::bigint AS total, count(DISTINCT transfer_seq)::int AS transfers FROM (
							SELECT credit_account_id AS account_id, attributed_to, amount, transfer_seq FROM ledger_legs WHERE attributed_to IS NOT NULL
							UNION ALL SELECT debit_account_id, attributed_to, -amount, transfer_seq FROM ledger_legs WHERE attributed_to IS NOT NULL) s
						GROUP BY 1, 2)
					 SELECT * FROM recount r FULL JOIN ledger_attribution_totals t USING (account_id, person_id)
					 WHERE r.total IS DISTINCT FROM t.total OR r.transfers IS DISTINCT FROM t.transfers`
				);
				expect(drift).toEqual([]);

				// Exactly the recorded ids exist, each once, each audited once: no effect applied twice.
				const recorded = [...sent.values()].filter((s) => s.recorded).map((s) => s.id).sort();
				const prefix = `r${runNo}-`;
				const stored = await db.query<{ id: string; audits: number }>(
					`SELECT t.id, (SELECT count(*)::int FROM audit_log a WHERE a.subject = 'ledger_transfer:' || t.id) AS audits
					 FROM ledger_transfers t WHERE starts_with(t.id, $1)`,
					[prefix]
				);
				expect(stored.map((s) => s.id).sort()).toEqual(recorded);
				expect(stored.every((s) => s.audits === 1)).toBe(true);
			}),
			// Shrinking replays runs against a growing database; stop in time to still report the
			// (partly shrunk) counterexample before vitest's 60 s timeout. A pass takes a few seconds.
			{ numRuns: 40, interruptAfterTimeLimit: 50_000, markInterruptAsFailure: true }
		);
	});
});
