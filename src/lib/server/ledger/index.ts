/**
 * The ledger module's public API: double-entry money in integer cents, TigerBeetle's rules on
 * PostgreSQL. Other modules use only what is exported here (never the ledger_* tables).
 *
 * Two flavours of every write:
 * - `postTransfer` / `postReversal` / `postTopUp` (tx, input) run inside the CALLER's
 *   transaction, so a reward or payout commits together with the caller's own rows;
 * - `transfer` / `reverseTransfer` / `topUp` (db, input) run on their own and retry transient
 *   concurrency failures. A transfer is a single SQL statement, atomic by itself, so these need
 *   no BEGIN/COMMIT: one round trip per transfer.
 * Time is always passed in (`at: ctx.clock()`).
 */
export {
	ensureAccount,
	ensureAccountSchema,
	ensureBuurtAccounts,
	ensureBuurtAccountsSchema,
	findAccount,
	getAccount,
	getAccountSchema,
	getBalance,
	type EnsureAccountInput
} from './accounts';
export { postTransfer, transfer, postTransferSchema, legInputSchema, type PostTransferInput } from './post-transfer';
export { postReversal, reverseTransfer, reverseTransferSchema, type ReverseTransferInput } from './reverse-transfer';
export { postTopUp, topUp, topUpSchema, type TopUpInput } from './top-up';
export {
	getTransfer,
	getTransferSchema,
	listEntries,
	listEntriesSchema,
	listTransfersForBuurt,
	listTransfersForBuurtSchema,
	listAttributionForBuurt,
	listAttributionForBuurtSchema,
	getAttributionForPerson,
	getAttributionForPersonSchema,
	type AccountEntry,
	type AttributedTransfer,
	type TransferSummary,
	type TransferWithReversal
} from './queries';
export { checkLedger, getLatestLedgerCheck, latestLedgerCheckPart, type LedgerCheck, type LedgerCheckRecord, type LedgerMismatch } from './check-ledger';
export { ledgerJobs, runLedgerCheck, LEDGER_CHECK_JOB } from './jobs';
export {
	accountKinds,
	MAX_AMOUNT,
	MAX_LEGS,
	REVERSAL_CODE,
	TOP_UP_CODE,
	type AccountKind,
	type Entry,
	type LedgerAccount,
	type Leg,
	type PostedTransfer,
	type Transfer
} from './model';
export { getBuurtBalances, type BuurtBalances } from './buurt-balances';
