import { z } from 'zod';
import type { Db, Queryable } from '../db/client';
import { parseInput } from '../shared/validate';
import { amountSchema, codeSchema, MAX_LEGS, noteSchema, transferIdSchema, type PostedTransfer } from './model';
import { recordTransfer } from './record-transfer';
import { retryTransient } from './transaction';

export const legInputSchema = z
	.object({
		debitAccountId: z.uuid().toLowerCase(),
		creditAccountId: z.uuid().toLowerCase(),
		amount: amountSchema,
		/** The member who earned this (e.g. the helper of a Superbuurt request). */
		attributedTo: z.uuid().toLowerCase().nullable().default(null),
		/** What this leg is within the transfer, e.g. 'helper', 'asker', 'supervisor'. */
		code: codeSchema.nullable().default(null),
		note: noteSchema.nullable().default(null)
	})
	.refine((l) => l.debitAccountId !== l.creditAccountId, {
		message: 'ledger.same_account',
		path: ['creditAccountId']
	});

export const postTransferSchema = z.object({
	/** Client-supplied idempotency key, stable across retries: e.g. `superbuurt.reward:<request id>`. */
	id: transferIdSchema,
	/** What kind of transfer, namespaced by the calling module: 'superbuurt.reward', 'buurtpot.payout'. */
	code: codeSchema.refine((c) => !c.startsWith('ledger.'), 'ledger.reserved_code'),
	legs: z.array(legInputSchema).min(1).max(MAX_LEGS),
	note: noteSchema.nullable().default(null),
	/** Who caused it; null for the system (a job acting on its own). */
	actorId: z.uuid().toLowerCase().nullable(),
	/** Injected time (ctx.clock()). */
	at: z.date()
});
export type PostTransferInput = z.input<typeof postTransferSchema>;

/**
 * Posts a transfer of one or more legs: all legs apply or none. Pass the caller's transaction
 * (tx) to commit it together with the caller's own rows; it works on the database itself too,
 * because the transfer is a single statement (see record-transfer.ts). Locks the involved
 * accounts in id order, refuses to take any account but `world` below zero (at any leg), writes
 * the entries (balance before/after, version) and an audit_log row ('ledger.transfer').
 *
 * Idempotent on `id`: the same id with the same content (everything but `at`) returns the first
 * result with `applied: false` and changes nothing; with other content it is refused.
 * Every DomainError below means nothing was written, so a caller may catch
 * `ledger.limit_exceeded` and continue its transaction (e.g. keep a reward pending).
 *
 * Errors: `validation.invalid` (field keys incl. `ledger.same_account`, `ledger.reserved_code`),
 * `ledger.account_not_found` {accountId}, `ledger.mixed_ledgers` {ledgers},
 * `ledger.limit_exceeded` {accountId, balance, needed}, `ledger.idempotency_mismatch` {transferId},
 * `ledger.person_not_found`, `ledger.actor_not_found`; and `ledger.concurrent_conflict`
 * {transferId} when a concurrent transaction won a race for this id or these accounts in a way
 * PostgreSQL answers with an error (see transaction.ts): nothing was written, but unlike the
 * others it aborts the caller's transaction — let it propagate; the whole transaction may be
 * retried, and a retry answers like any other (first result, or idempotency_mismatch).
 */
export async function postTransfer(tx: Queryable, input: PostTransferInput): Promise<PostedTransfer> {
	const request = parseInput(postTransferSchema, input);
	return recordTransfer(tx, { ...request, reversesId: null, reason: null });
}

/**
 * postTransfer on its own: one statement, which PostgreSQL runs as a transaction by itself (no
 * BEGIN/COMMIT round trips), retried after a lost race (a few attempts, short random pauses).
 * Errors: as postTransfer (`ledger.concurrent_conflict` only when every attempt lost).
 */
export async function transfer(db: Db, input: PostTransferInput): Promise<PostedTransfer> {
	return retryTransient(input.id, () => postTransfer(db, input));
}
