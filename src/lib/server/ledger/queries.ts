import { z } from 'zod';
import type { Queryable } from '../db/client';
import { parseInput } from '../shared/validate';
import { ledgerCodeSchema, transferIdSchema, type Transfer } from './model';

/**
 * Read side of the ledger. Every query is served by an index (noted per query); lists are
 * keyset-paginated (`before` = the last key seen, `nextBefore` = where the next page starts).
 */

const pageSize = z.number().int().min(1).max(200).default(50);
/** A keyset cursor above every real key: "start from the newest". */
const NEWEST = Number.MAX_SAFE_INTEGER;

export type TransferWithReversal = Transfer & {
	/** The reversal that undid this transfer, if any. */
	reversedById: string | null;
};
export type TransferSummary = Omit<TransferWithReversal, 'entries'>;

const transferColumns = `t.seq, t.id, t.ledger, t.code, t.note, t.actor_id AS "actorId",
	t.reverses_id AS "reversesId", t.reason, t.at,
	(SELECT r.id FROM ledger_transfers r WHERE r.reverses_id = t.id) AS "reversedById"`;

const legsOfTransfer = `COALESCE((
	SELECT json_agg(json_build_object('legNo', l.leg_no, 'debitAccountId', l.debit_account_id,
		'creditAccountId', l.credit_account_id, 'amount', l.amount, 'attributedTo', l.attributed_to,
		'code', l.code, 'note', l.note) ORDER BY l.leg_no)
	FROM ledger_legs l WHERE l.transfer_seq = t.seq), '[]')`;

// Entries are found through their legs' accounts: the (account_id, transfer_seq) index. Both
// shapes of entry (see Entry) are found this way: one per account per transfer, or (written
// before migration 0021) one per leg side.
const entriesOfTransfer = `COALESCE((
	SELECT json_agg(json_build_object('accountId', e.account_id, 'version', e.version, 'legNo', e.leg_no,
		'amount', e.amount, 'balanceBefore', e.balance_before, 'balanceAfter', e.balance_after)
		ORDER BY e.leg_no, e.amount)
	FROM ledger_entries e
	WHERE e.transfer_seq = t.seq AND e.account_id IN (
		SELECT l.debit_account_id FROM ledger_legs l WHERE l.transfer_seq = t.seq
		UNION SELECT l.credit_account_id FROM ledger_legs l WHERE l.transfer_seq = t.seq)), '[]')`;

/**
 * The legs an entry stands for (alias e): every leg of its transfer that touches its account,
 * or, for an entry written before migration 0021, its one leg.
 */
export const legsOfEntry = `l.transfer_seq = e.transfer_seq AND CASE WHEN e.covers_transfer
	THEN e.account_id IN (l.debit_account_id, l.credit_account_id) ELSE l.leg_no = e.leg_no END`;

/** One transfer with its legs and entries, or null. Internal: no validation. */
export async function loadTransfer(q: Queryable, id: string): Promise<TransferWithReversal | null> {
	const [row] = await q.query<TransferWithReversal>(
		`SELECT ${transferColumns}, ${legsOfTransfer} AS legs, ${entriesOfTransfer} AS entries
		 FROM ledger_transfers t WHERE t.id = $1`,
		[id]
	);
	return row ?? null;
}

export const getTransferSchema = z.object({ transferId: transferIdSchema });

/**
 * A transfer with its legs, entries and the reversal that undid it (if any); null if unknown.
 *
 * Errors: `validation.invalid`.
 */
export async function getTransfer(
	q: Queryable,
	input: z.input<typeof getTransferSchema>
): Promise<TransferWithReversal | null> {
	const { transferId } = parseInput(getTransferSchema, input);
	return loadTransfer(q, transferId);
}

export const listEntriesSchema = z.object({
	accountId: z.uuid().toLowerCase(),
	limit: pageSize,
	/** An account version: list entries older than it. */
	before: z.number().int().positive().optional()
});

/**
 * One entry of an account's history: the account's change in one transfer (see Entry), with the
 * transfer's and its legs' details. legCode, note and attributedTo are those of the legs the
 * entry stands for when they agree (always, when it is one leg), otherwise null.
 */
export interface AccountEntry {
	accountId: string;
	version: number;
	/** The first of the transfer's legs this entry stands for. */
	legNo: number;
	amount: number;
	balanceBefore: number;
	balanceAfter: number;
	transferId: string;
	code: string;
	legCode: string | null;
	note: string | null;
	transferNote: string | null;
	at: Date;
	reversesId: string | null;
	attributedTo: string | null;
	/** The account on the other side of the (first) leg. */
	counterpartyAccountId: string;
}

/**
 * An account's history, newest first (index: ledger_entries primary key (account_id, version)).
 * An unknown account has no entries.
 *
 * Errors: `validation.invalid`.
 */
export async function listEntries(
	q: Queryable,
	input: z.input<typeof listEntriesSchema>
): Promise<{ entries: AccountEntry[]; nextBefore: number | null }> {
	const { accountId, limit, before } = parseInput(listEntriesSchema, input);
	// The leg fields are the legs' own when the entry stands for one leg, or for several that
	// agree on them; otherwise null (the counterparty: that of the entry's first leg).
	const same = (column: string) =>
		`CASE WHEN count(DISTINCT ${column}) = 1 AND count(${column}) = count(*) THEN (array_agg(${column}))[1] END`;
	const rows = await q.query<AccountEntry>(
		`SELECT e.account_id AS "accountId", e.version, e.leg_no AS "legNo", e.amount,
			e.balance_before AS "balanceBefore", e.balance_after AS "balanceAfter",
			t.id AS "transferId", t.code, x.code AS "legCode", x.note, t.note AS "transferNote", t.at,
			t.reverses_id AS "reversesId", x.attributed_to AS "attributedTo",
			x.counterparty AS "counterpartyAccountId"
		 FROM ledger_entries e
		 JOIN ledger_transfers t ON t.seq = e.transfer_seq
		 CROSS JOIN LATERAL (
			SELECT ${same('l.code')} AS code, ${same('l.note')} AS note, ${same('l.attributed_to')} AS attributed_to,
				(array_agg(CASE WHEN l.debit_account_id = e.account_id THEN l.credit_account_id ELSE l.debit_account_id END
					ORDER BY l.leg_no))[1] AS counterparty
			FROM ledger_legs l WHERE ${legsOfEntry}
		 ) x
		 WHERE e.account_id = $1 AND e.version < $2
		 ORDER BY e.version DESC
		 LIMIT $3`,
		[accountId, before ?? NEWEST, limit + 1]
	);
	return page(rows, limit, (e) => e.version, 'entries');
}

export const listTransfersForBuurtSchema = z.object({
	buurtId: z.uuid().toLowerCase(),
	limit: pageSize,
	/** A transfer seq: list transfers older than it. */
	before: z.number().int().positive().optional()
});

/**
 * Transfers touching any of the buurt's accounts (funding, buurtpot, expense), newest first,
 * with their legs. Per account at most one page is read from the (account_id, transfer_seq)
 * index, then merged: the cost does not grow with the buurt's history.
 *
 * Errors: `validation.invalid`.
 */
export async function listTransfersForBuurt(
	q: Queryable,
	input: z.input<typeof listTransfersForBuurtSchema>
): Promise<{ transfers: TransferSummary[]; nextBefore: number | null }> {
	const { buurtId, limit, before } = parseInput(listTransfersForBuurtSchema, input);
	const rows = await q.query<TransferSummary>(
		`WITH page AS (
			SELECT DISTINCT recent.transfer_seq
			FROM ledger_accounts a
			CROSS JOIN LATERAL (
				SELECT DISTINCT e.transfer_seq FROM ledger_entries e
				WHERE e.account_id = a.id AND e.transfer_seq < $2
				ORDER BY e.transfer_seq DESC LIMIT $3
			) recent
			WHERE a.buurt_id = $1
			ORDER BY recent.transfer_seq DESC LIMIT $3
		)
		SELECT ${transferColumns}, ${legsOfTransfer} AS legs
		FROM page JOIN ledger_transfers t ON t.seq = page.transfer_seq
		ORDER BY t.seq DESC`,
		[buurtId, before ?? NEWEST, limit + 1]
	);
	return page(rows, limit, (t) => t.seq, 'transfers');
}

export const listAttributionForBuurtSchema = z.object({
	buurtId: z.uuid().toLowerCase(),
	ledger: ledgerCodeSchema.default('EUR')
});

/**
 * What each member earned for the buurt's buurtpot, highest first: their total and the number
 * of transfers it came from; a leg out of the pot (a reversal) counts against them. Read from
 * ledger_attribution_totals (migration 0165), which a trigger on the append-only legs keeps
 * exact, so the pot page costs the same with 100 or 100,000 movements.
 *
 * Errors: `validation.invalid`.
 */
export async function listAttributionForBuurt(
	q: Queryable,
	input: z.input<typeof listAttributionForBuurtSchema>
): Promise<{ personId: string; total: number; transfers: number }[]> {
	const { buurtId, ledger } = parseInput(listAttributionForBuurtSchema, input);
	// The totals table (migration 0165) is kept by a trigger on the legs: no scan of the buurtpot's history.
	return q.query(
		`SELECT t.person_id AS "personId", t.total, t.transfers
		 FROM ledger_accounts pot JOIN ledger_attribution_totals t ON t.account_id = pot.id
		 WHERE pot.ledger = $2 AND pot.kind = 'buurtpot' AND pot.buurt_id = $1
		 ORDER BY t.total DESC, t.person_id`,
		[buurtId, ledger]
	);
}

// Attribution: a leg attributed to a person counts for a buurtpot when it pays into it, and
// against it when it pays out of it (which is what a reversal of a reward does).
const attributedAmount = `CASE WHEN l.credit_account_id = pot.id THEN l.amount ELSE -l.amount END`;

export const getAttributionForPersonSchema = z.object({
	personId: z.uuid().toLowerCase(),
	ledger: ledgerCodeSchema.default('EUR'),
	/** Only this buurt's buurtpot; all buurten when absent. */
	buurtId: z.uuid().toLowerCase().nullable().default(null),
	limit: pageSize,
	/** A transfer seq: list transfers older than it. */
	before: z.number().int().positive().optional()
});

export interface AttributedTransfer {
	transferId: string;
	seq: number;
	code: string;
	at: Date;
	reversesId: string | null;
	buurtId: string;
	/** What this transfer added to (or, for a reversal, took from) the person's attribution. */
	amount: number;
}

/**
 * What one member earned for buurtpotten: the total, and per transfer, newest first
 * (index: partial ledger_legs_attributed_to (attributed_to, transfer_seq)).
 *
 * Errors: `validation.invalid`.
 */
export async function getAttributionForPerson(
	q: Queryable,
	input: z.input<typeof getAttributionForPersonSchema>
): Promise<{ personId: string; ledger: string; total: number; transfers: AttributedTransfer[]; nextBefore: number | null }> {
	const { personId, ledger, buurtId, limit, before } = parseInput(getAttributionForPersonSchema, input);
	const potOfLeg = `JOIN ledger_accounts pot ON pot.id IN (l.credit_account_id, l.debit_account_id) AND pot.kind = 'buurtpot'`;
	const personsLegs = `l.attributed_to = $1 AND pot.ledger = $2 AND ($3::uuid IS NULL OR pot.buurt_id = $3::uuid)`;
	const [{ total }] = await q.query<{ total: number }>(
		`SELECT COALESCE(SUM(${attributedAmount}), 0)::bigint AS total
		 FROM ledger_legs l ${potOfLeg}
		 WHERE ${personsLegs}`,
		[personId, ledger, buurtId]
	);
	const rows = await q.query<AttributedTransfer>(
		`SELECT t.id AS "transferId", t.seq, t.code, t.at, t.reverses_id AS "reversesId",
			pot.buurt_id AS "buurtId", SUM(${attributedAmount})::bigint AS amount
		 FROM ledger_legs l ${potOfLeg}
		 JOIN ledger_transfers t ON t.seq = l.transfer_seq
		 WHERE ${personsLegs} AND l.transfer_seq < $4
		 GROUP BY t.seq, pot.buurt_id
		 ORDER BY t.seq DESC
		 LIMIT $5`,
		[personId, ledger, buurtId, before ?? NEWEST, limit + 1]
	);
	const { transfers, nextBefore } = page(rows, limit, (t) => t.seq, 'transfers');
	return { personId, ledger, total, transfers, nextBefore };
}

/** Keyset page from limit+1 rows: the extra row only tells whether another page exists. */
function page<T, K extends string>(
	rows: T[],
	limit: number,
	keyOf: (row: T) => number,
	name: K
): { [P in K]: T[] } & { nextBefore: number | null } {
	const items = rows.slice(0, limit);
	const nextBefore = rows.length > limit ? keyOf(items[items.length - 1]) : null;
	return { [name]: items, nextBefore } as { [P in K]: T[] } & { nextBefore: number | null };
}
