import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Db, Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { ensureAccount, getAccount } from './accounts';
import { amountSchema, TOP_UP_CODE, transferIdSchema, type PostedTransfer } from './model';
import { recordTransfer } from './record-transfer';
import { guardConflicts, retryTransient } from './transaction';

export const topUpSchema = z.object({
	id: transferIdSchema,
	/** A funding account (the corporation's budget for a buurt) or a buurtpot. */
	accountId: z.uuid().toLowerCase(),
	amount: amountSchema,
	/** Where the money comes from, e.g. "Leefbaarheidsbudget 2025 Q1". */
	note: plainText().trim().min(1).max(500),
	actorId: z.uuid().toLowerCase(),
	at: z.date()
});
export type TopUpInput = z.input<typeof topUpSchema>;

const TOP_UP_TARGETS = new Set(['funding', 'buurtpot']);

/**
 * Money entering the system: the ledger's world account → a funding account or a buurtpot,
 * in the caller's transaction (or on its own). Idempotent on `id` like postTransfer. Audited.
 *
 * Errors: `validation.invalid`, `ledger.account_not_found` {accountId},
 * `ledger.top_up_not_allowed` {accountId, kind}, `ledger.idempotency_mismatch` {transferId},
 * `ledger.actor_not_found`, `ledger.concurrent_conflict` {transferId} (aborts the caller's
 * transaction; see postTransfer).
 */
export async function postTopUp(tx: Queryable, input: TopUpInput): Promise<PostedTransfer> {
	const request = parseInput(topUpSchema, input);
	return guardConflicts(request.id, () => topUpFromWorld(tx, request));
}

async function topUpFromWorld(tx: Queryable, { id, accountId, amount, note, actorId, at }: z.output<typeof topUpSchema>): Promise<PostedTransfer> {
	const target = await getAccount(tx, { accountId });
	if (!TOP_UP_TARGETS.has(target.kind))
		throw new DomainError('ledger.top_up_not_allowed', { accountId, kind: target.kind });
	const world = await ensureAccount(tx, { ledger: target.ledger, kind: 'world', at });
	return recordTransfer(tx, {
		id,
		code: TOP_UP_CODE,
		note,
		actorId,
		reversesId: null,
		reason: null,
		at,
		legs: [{ debitAccountId: world.id, creditAccountId: target.id, amount, attributedTo: null, code: null, note: null }]
	});
}

/**
 * postTopUp on its own (the transfer itself is one atomic statement), retried on transient
 * concurrency failures.
 * Errors: as postTopUp.
 */
export async function topUp(db: Db, input: TopUpInput): Promise<PostedTransfer> {
	return retryTransient(input.id, () => postTopUp(db, input));
}
