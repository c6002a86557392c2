import type { Db, Queryable } from '../db/client';
import { part, readPart, withDates, type ReadPart } from '../db/parts';

export type LedgerMismatch =
	/** The cached balance or version differs from what the account's entries add up to. */
	| { kind: 'cached_balance'; accountId: string; cached: number; fromEntries: number }
	| { kind: 'cached_version'; accountId: string; cached: number; fromEntries: number }
	/** An account that may not go negative did (the CHECK constraint should make this impossible). */
	| { kind: 'negative_balance'; accountId: string; balance: number }
	/** An entry does not start where the previous one ended, or a version is skipped. */
	| { kind: 'broken_chain'; accountId: string; version: number }
	/**
	 * A transfer whose entries do not match its legs: an account's entries in it do not add up to
	 * the net of its legs there, or (entries before migration 0021) a leg without exactly its two
	 * entries (−amount on the debit, +amount on the credit account). legNo: the first leg concerned.
	 */
	| { kind: 'unbalanced_leg'; transferId: string; legNo: number }
	/** An entry on an account of another ledger than its transfer's. */
	| { kind: 'foreign_entry'; transferId: string; accountId: string }
	| { kind: 'ledger_not_zero'; ledger: string; sum: number };

export interface LedgerCheck {
	ok: boolean;
	ledgersSumZero: boolean;
	ledgers: { ledger: string; sum: number; accounts: number }[];
	mismatches: LedgerMismatch[];
}

/** Each category reports at most this many problems: one is enough to page someone. */
const REPORT_LIMIT = 100;

/**
 * Verifies the ledger from its history: cached balances and versions equal their entries, entry
 * chains are unbroken, every transfer's entries match its legs, each ledger sums to zero and no
 * account is below its limit. Read-only. It scans the ledger tables, so it belongs in a periodic
 * job (and tests), not in a request. All queries read one REPEATABLE READ snapshot, so transfers
 * committing meanwhile cannot produce a false alarm.
 */
export async function checkLedger(db: Db): Promise<LedgerCheck> {
	return db.transaction(async (tx) => {
		await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
		const ledgers = await ledgerSums(tx);
		const mismatches = [
			...(await cachedStateMismatches(tx)),
			...(await brokenChains(tx)),
			...(await unbalancedLegs(tx)),
			...(await foreignEntries(tx)),
			...ledgers
				.filter((l) => l.sum !== 0)
				.map((l) => ({ kind: 'ledger_not_zero' as const, ledger: l.ledger, sum: l.sum }))
		];
		const ledgersSumZero = ledgers.every((l) => l.sum === 0);
		return { ok: mismatches.length === 0, ledgersSumZero, ledgers, mismatches };
	});
}

function ledgerSums(q: Queryable) {
	return q.query<{ ledger: string; sum: number; accounts: number }>(
		`SELECT ledger, SUM(balance)::bigint AS sum, count(*)::int AS accounts
		 FROM ledger_accounts GROUP BY ledger ORDER BY ledger`
	);
}

async function cachedStateMismatches(q: Queryable): Promise<LedgerMismatch[]> {
	const rows = await q.query<{
		id: string;
		balance: number;
		version: number;
		mayGoNegative: boolean;
		entrySum: number;
		entryCount: number;
		maxVersion: number;
	}>(
		`SELECT a.id, a.balance, a.version, a.may_go_negative AS "mayGoNegative",
			COALESCE(e.sum, 0)::bigint AS "entrySum", COALESCE(e.count, 0)::bigint AS "entryCount",
			COALESCE(e.max_version, 0)::bigint AS "maxVersion"
		 FROM ledger_accounts a
		 LEFT JOIN (
			SELECT account_id, SUM(amount) AS sum, count(*) AS count, max(version) AS max_version
			FROM ledger_entries GROUP BY account_id
		 ) e ON e.account_id = a.id
		 WHERE a.balance <> COALESCE(e.sum, 0) OR a.version <> COALESCE(e.count, 0)
			OR a.version <> COALESCE(e.max_version, 0) OR (a.balance < 0 AND NOT a.may_go_negative)
		 LIMIT ${REPORT_LIMIT}`
	);
	return rows.flatMap((r) => {
		const found: LedgerMismatch[] = [];
		if (r.balance !== r.entrySum)
			found.push({ kind: 'cached_balance', accountId: r.id, cached: r.balance, fromEntries: r.entrySum });
		if (r.version !== r.entryCount || r.version !== r.maxVersion)
			found.push({ kind: 'cached_version', accountId: r.id, cached: r.version, fromEntries: r.entryCount });
		if (r.balance < 0 && !r.mayGoNegative) found.push({ kind: 'negative_balance', accountId: r.id, balance: r.balance });
		return found;
	});
}

async function brokenChains(q: Queryable): Promise<LedgerMismatch[]> {
	const rows = await q.query<{ accountId: string; version: number }>(
		`SELECT account_id AS "accountId", version FROM (
			SELECT account_id, version, balance_before,
				lag(balance_after, 1, 0::bigint) OVER w AS previous_after,
				lag(version, 1, 0::bigint) OVER w AS previous_version
			FROM ledger_entries
			WINDOW w AS (PARTITION BY account_id ORDER BY version)
		 ) chain
		 WHERE balance_before <> previous_after OR version <> previous_version + 1
		 LIMIT ${REPORT_LIMIT}`
	);
	return rows.map((r) => ({ kind: 'broken_chain', ...r }));
}

/**
 * Every transfer's entries match its legs. Per transfer and account: the entries add up to the
 * net of the legs on that account, and (entries since migration 0021) there is exactly one,
 * numbered by the first leg touching the account. Entries written before that stand for one leg
 * side each: such a leg has exactly its two entries, −amount on the debit and +amount on the
 * credit account.
 */
async function unbalancedLegs(q: Queryable): Promise<LedgerMismatch[]> {
	const rows = await q.query<{ transferId: string; legNo: number }>(
		`WITH expected AS (
			SELECT transfer_seq, account_id, SUM(amount) AS amount, MIN(leg_no) AS first_leg FROM (
				SELECT transfer_seq, leg_no, debit_account_id AS account_id, -amount AS amount FROM ledger_legs
				UNION ALL
				SELECT transfer_seq, leg_no, credit_account_id, amount FROM ledger_legs
			) sides GROUP BY transfer_seq, account_id
		 ), actual AS (
			SELECT transfer_seq, account_id, SUM(amount) AS amount, count(*) AS n, MIN(leg_no) AS first_leg,
				bool_and(covers_transfer) AS all_cover, bool_or(covers_transfer) AS any_cover
			FROM ledger_entries GROUP BY transfer_seq, account_id
		 ), per_account AS (
			SELECT COALESCE(x.transfer_seq, a.transfer_seq) AS transfer_seq, COALESCE(x.first_leg, a.first_leg) AS leg_no
			FROM expected x FULL JOIN actual a ON a.transfer_seq = x.transfer_seq AND a.account_id = x.account_id
			WHERE x.amount IS DISTINCT FROM a.amount OR a.any_cover IS DISTINCT FROM a.all_cover
				OR (a.all_cover AND (a.n <> 1 OR a.first_leg IS DISTINCT FROM x.first_leg))
			LIMIT ${REPORT_LIMIT}
		 ), per_leg AS (
			SELECT l.transfer_seq, l.leg_no
			FROM ledger_legs l
			LEFT JOIN (
				SELECT transfer_seq, leg_no, count(*) AS n FROM ledger_entries WHERE NOT covers_transfer
				GROUP BY transfer_seq, leg_no
			) counted ON counted.transfer_seq = l.transfer_seq AND counted.leg_no = l.leg_no
			LEFT JOIN ledger_entries d ON d.account_id = l.debit_account_id
				AND d.transfer_seq = l.transfer_seq AND d.leg_no = l.leg_no AND NOT d.covers_transfer
			LEFT JOIN ledger_entries c ON c.account_id = l.credit_account_id
				AND c.transfer_seq = l.transfer_seq AND c.leg_no = l.leg_no AND NOT c.covers_transfer
			WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transfer_seq = l.transfer_seq AND e.covers_transfer)
				AND (counted.n IS DISTINCT FROM 2 OR d.amount IS DISTINCT FROM -l.amount OR c.amount IS DISTINCT FROM l.amount)
			LIMIT ${REPORT_LIMIT}
		 )
		 SELECT t.id AS "transferId", u.leg_no AS "legNo"
		 FROM (SELECT * FROM per_account UNION SELECT * FROM per_leg) u
		 JOIN ledger_transfers t ON t.seq = u.transfer_seq
		 ORDER BY t.seq, u.leg_no
		 LIMIT ${REPORT_LIMIT}`
	);
	return rows.map((r) => ({ kind: 'unbalanced_leg', ...r }));
}

async function foreignEntries(q: Queryable): Promise<LedgerMismatch[]> {
	const rows = await q.query<{ transferId: string; accountId: string }>(
		`SELECT t.id AS "transferId", e.account_id AS "accountId"
		 FROM ledger_entries e
		 JOIN ledger_accounts a ON a.id = e.account_id
		 JOIN ledger_transfers t ON t.seq = e.transfer_seq
		 WHERE a.ledger <> t.ledger
		 LIMIT ${REPORT_LIMIT}`
	);
	return rows.map((r) => ({ kind: 'foreign_entry', ...r }));
}

/** One run of the ledger check as recorded in ledger_checks (migration 0022). */
export interface LedgerCheckRecord {
	checkedAt: Date;
	ok: boolean;
	mismatches: LedgerMismatch[];
}

/** Stores a check's outcome; returns its id. In the caller's transaction (with its audit row). */
export async function recordLedgerCheck(tx: Queryable, checkedAt: Date, check: LedgerCheck): Promise<number> {
	const [row] = await tx.query<{ id: number }>(
		'INSERT INTO ledger_checks (checked_at, ok, mismatches) VALUES ($1, $2, $3) RETURNING id',
		[checkedAt, check.ok, JSON.stringify(check.mismatches)]
	);
	return row.id;
}

/**
 * The latest recorded ledger check (the hourly job's, or the one after start), for admins' home
 * page: when, whether every invariant held, and what did not; null before the first check. As a
 * part of a page's statement (db/parts.ts); getLatestLedgerCheck reads it on its own.
 */
export function latestLedgerCheckPart(): ReadPart<LedgerCheckRecord | null> {
	return part(
		`(SELECT json_build_object('checkedAt', checked_at, 'ok', ok, 'mismatches', mismatches) FROM ledger_checks ORDER BY checked_at DESC, id DESC LIMIT 1)`,
		[],
		(value) => (value ? withDates([value as LedgerCheckRecord], ['checkedAt'])[0] : null)
	);
}

export async function getLatestLedgerCheck(q: Queryable): Promise<LedgerCheckRecord | null> {
	return readPart(q, latestLedgerCheckPart());
}
