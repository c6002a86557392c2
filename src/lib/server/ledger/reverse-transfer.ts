import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Db, Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { REVERSAL_CODE, transferIdSchema, type PostedTransfer } from './model';
import { loadTransfer } from './queries';
import { recordTransfer } from './record-transfer';
import { guardConflicts, retryTransient } from './transaction';

export const reverseTransferSchema = z.object({
	/** The reversal's own idempotency key. */
	id: transferIdSchema,
	/** The transfer to undo. */
	transferId: transferIdSchema,
	reason: plainText().trim().min(1).max(500),
	/** Corrections are always someone's decision. */
	actorId: z.uuid().toLowerCase(),
	at: z.date()
});
export type ReverseTransferInput = z.input<typeof reverseTransferSchema>;

/**
 * Undoes a transfer by posting its mirror image (every leg with debit and credit swapped, same
 * attribution) as a new transfer pointing at the original, with reason and actor, in the
 * caller's transaction (or on its own). History is never edited. A transfer can be reversed once (a unique key
 * guarantees it under concurrency); a reversal cannot itself be reversed — post a new transfer.
 * The reversal obeys the limits: money already spent from a buurtpot cannot be taken back.
 * Idempotent on `id` like postTransfer. Audit action: 'ledger.reversal'.
 *
 * Errors: `validation.invalid`, `ledger.transfer_not_found` {transferId},
 * `ledger.already_reversed` {transferId, reversedById?}, `ledger.reversal_not_reversible`
 * {transferId}, `ledger.limit_exceeded` {accountId, balance, needed},
 * `ledger.idempotency_mismatch` {transferId}, `ledger.actor_not_found`,
 * `ledger.concurrent_conflict` {transferId} (aborts the caller's transaction; see postTransfer).
 */
export async function postReversal(tx: Queryable, input: ReverseTransferInput): Promise<PostedTransfer> {
	const { id, transferId, reason, actorId, at } = parseInput(reverseTransferSchema, input);
	return guardConflicts(id, () => reverse(tx, { id, transferId, reason, actorId, at }));
}

async function reverse(tx: Queryable, { id, transferId, reason, actorId, at }: z.output<typeof reverseTransferSchema>): Promise<PostedTransfer> {
	const original = await loadTransfer(tx, transferId);
	if (!original) throw new DomainError('ledger.transfer_not_found', { transferId });
	if (original.reversesId !== null) throw new DomainError('ledger.reversal_not_reversible', { transferId });
	// Friendly early answer; the unique key on reverses_id settles races inside recordTransfer.
	if (original.reversedById !== null && original.reversedById !== id)
		throw new DomainError('ledger.already_reversed', { transferId, reversedById: original.reversedById });
	const mirroredLegs = original.legs.map((leg) => ({
		debitAccountId: leg.creditAccountId,
		creditAccountId: leg.debitAccountId,
		amount: leg.amount,
		attributedTo: leg.attributedTo,
		code: leg.code,
		note: leg.note
	}));
	return recordTransfer(tx, {
		id,
		code: REVERSAL_CODE,
		note: null,
		actorId,
		reversesId: original.id,
		reason,
		at,
		legs: mirroredLegs
	});
}

/**
 * postReversal on its own (a read of the immutable original, then one atomic statement),
 * retried on transient concurrency failures.
 * Errors: as postReversal.
 */
export async function reverseTransfer(db: Db, input: ReverseTransferInput): Promise<PostedTransfer> {
	return retryTransient(input.id, () => postReversal(db, input));
}
