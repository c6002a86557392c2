import { z } from 'zod';
import { plainText } from '../shared/text';

/**
 * Shared vocabulary of the ledger: the shapes of accounts, transfers, legs and entries, and the
 * zod building blocks the use-case schemas are made of. Amounts are integers in the ledger's
 * smallest unit (euro cents for 'EUR').
 */

export const accountKinds = ['world', 'funding', 'buurtpot', 'expense'] as const;
export type AccountKind = (typeof accountKinds)[number];

/** Codes the ledger writes itself; other modules may not use the `ledger.` namespace. */
export const REVERSAL_CODE = 'ledger.reversal';
export const TOP_UP_CODE = 'ledger.top_up';

/** €1 billion in cents: beyond any buurt budget, and sums of legs stay far below 2^53. */
export const MAX_AMOUNT = 100_000_000_000;
/** Enough for a reward split over many helpers; bounds the work one transfer can do. */
export const MAX_LEGS = 64;

export const ledgerCodeSchema = plainText().regex(/^[A-Z][A-Z0-9_]{1,15}$/, 'ledger.invalid_ledger');
export const transferIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,127}$/, 'ledger.invalid_transfer_id');
export const codeSchema = z
	.string()
	.max(64)
	.regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'ledger.invalid_code');
export const amountSchema = z.number().int().positive().max(MAX_AMOUNT);
export const noteSchema = plainText().trim().max(500);

export interface LedgerAccount {
	id: string;
	ledger: string;
	kind: AccountKind;
	buurtId: string | null;
	mayGoNegative: boolean;
	balance: number;
	version: number;
	createdAt: Date;
}

export interface Leg {
	legNo: number;
	debitAccountId: string;
	creditAccountId: string;
	amount: number;
	/** The member this money was earned by: attribution, never ownership. */
	attributedTo: string | null;
	code: string | null;
	note: string | null;
}

/**
 * One account's change in one transfer: the net of the transfer's legs on that account (a
 * three-leg reward from a funding account into a buurtpot makes two entries, not six). Entries
 * written before migration 0021 are one account's side of one leg each; both kinds chain alike.
 */
export interface Entry {
	accountId: string;
	/** The account's version after this entry (1, 2, 3, … per account). */
	version: number;
	/** The first leg of the transfer that touches the account (older entries: their one leg). */
	legNo: number;
	/** Signed: negative when the account's legs take money out, positive when they bring it in. */
	amount: number;
	balanceBefore: number;
	balanceAfter: number;
}

export interface Transfer {
	id: string;
	seq: number;
	ledger: string;
	code: string;
	note: string | null;
	actorId: string | null;
	/** Set on a reversal: the transfer it undoes. */
	reversesId: string | null;
	reason: string | null;
	at: Date;
	legs: Leg[];
	entries: Entry[];
}

export interface PostedTransfer extends Transfer {
	/** False when the id was already recorded with the same content (an idempotent retry). */
	applied: boolean;
}

/** SQL select list mapping ledger_accounts to LedgerAccount. */
export const accountColumns = `id, ledger, kind, buurt_id AS "buurtId", may_go_negative AS "mayGoNegative",
	balance, version, created_at AS "createdAt"`;
