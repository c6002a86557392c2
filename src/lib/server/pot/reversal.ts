import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import { DomainError, isDomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { buurtInScope, isStaffOf, type Actor } from '../people';
import { getBuurtBalances, getTransfer, postReversal, REVERSAL_CODE, TOP_UP_CODE } from '../ledger';
import { lockBuurtFunding, REWARD_CODE } from '../help';
import { keyedTransferId, PAYOUT_CODE, potIdempotencyKeySchema } from './keys';

/**
 * Staff undo a top-up or a payout that was booked wrongly: the ledger posts its mirror image
 * (postReversal) with the reason, and the buurt sees both in the movements list. Rewards are
 * not reversed here (the help flow owns them); a reversal is never reversed; a transfer is
 * reversed at most once. The use case that calls this is proposals' reversePotTransfer, because
 * a reversed payout also gives the proposal its money back (see pay-proposal.ts).
 */

export const reversePotTransferSchema = z.object({
	buurtId: z.uuid('pot.not_found'),
	transferId: plainText({ error: 'pot.transfer_not_found' }).regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,127}$/, 'pot.transfer_not_found'),
	reason: plainText({ error: 'pot.reason_required' }).trim().min(3, 'pot.reason_required').max(500, 'validation.too_long'),
	/** Required: the reversal's transfer id is made from it. */
	idempotencyKey: potIdempotencyKeySchema
});
export type ReversePotTransferInput = z.infer<typeof reversePotTransferSchema>;

export interface PotReversalResult {
	/** The reversal's own transfer. */
	reversalId: string;
	/** The transfer it undid. */
	transferId: string;
	kind: 'top_up' | 'payout';
	amountCents: number;
	reason: string;
	/** The balances right after the reversal. */
	fundingCents: number;
	buurtpotCents: number;
}

/** What kind of movement a ledger code is on the pot page. */
export const movementKindOf = (code: string) =>
	code === TOP_UP_CODE ? 'top_up' : code === PAYOUT_CODE ? 'payout' : code === REWARD_CODE ? 'reward' : code === REVERSAL_CODE ? 'reversal' : 'other';

/**
 * Scope, then role (people/scope.ts): the buurtpot must be one the actor sees (else
 * pot.not_found, 404), and only staff of its corporation move money (else pot.forbidden, 403).
 * Called before the body is parsed, so a refusal never depends on the body.
 */
export async function requirePotManager(q: Queryable, actor: Actor, buurtId: string): Promise<void> {
	const buurt = await buurtInScope(q, actor, buurtId, 'buurtpot', 'pot.not_found');
	if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('pot.forbidden');
}

/**
 * Checks the rules and posts the reversal in the caller's transaction, with an audit row
 * ('pot.reversal'). On a retry of the same request (same key) the ledger answers with the first
 * reversal and nothing is written again (`applied: false`).
 * Errors: pot.not_found, pot.forbidden (not staff of the buurt's corporation),
 * pot.transfer_not_found (unknown, or not of this buurt), pot.not_reversible {kind} (a reward or
 * another kind), pot.reversal_not_reversible, pot.already_reversed, pot.reversal_insufficient
 * {account, balanceCents, neededCents, balanceEuros, neededEuros}, pot.idempotency_mismatch.
 */
export async function postPotReversal(tx: Queryable, actor: Actor, v: ReversePotTransferInput, at: Date): Promise<PotReversalResult & { applied: boolean }> {
	await requirePotManager(tx, actor, v.buurtId);
	const original = await getTransfer(tx, { transferId: v.transferId });
	const before = await getBuurtBalances(tx, { buurtId: v.buurtId });
	const accountOf = (id: string) => (id === before.funding?.id ? 'funding' : id === before.buurtpot?.id ? 'buurtpot' : null);
	if (!original || !original.legs.some((l) => accountOf(l.debitAccountId) || accountOf(l.creditAccountId))) throw new DomainError('pot.transfer_not_found');
	if (original.reversesId !== null) throw new DomainError('pot.reversal_not_reversible');
	const kind = movementKindOf(original.code);
	if (kind !== 'top_up' && kind !== 'payout') throw new DomainError('pot.not_reversible', { kind });

	const id = keyedTransferId('pot.reversal', actor.accountId, 'pot.reverse', v.idempotencyKey);
	if (original.reversedById !== null && original.reversedById !== id) throw new DomainError('pot.already_reversed');
	await lockBuurtFunding(tx, v.buurtId);
	let posted;
	try {
		posted = await postReversal(tx, { id, transferId: original.id, reason: v.reason, actorId: actor.accountId, at });
	} catch (err) {
		if (!isDomainError(err)) throw err;
		if (err.code === 'ledger.limit_exceeded') {
			const balance = Number(err.details.balance ?? 0);
			const needed = Number(err.details.needed ?? 0);
			const account = accountOf(String(err.details.accountId)) ?? 'buurtpot';
			throw new DomainError('pot.reversal_insufficient', { account, balanceCents: balance, neededCents: needed, balanceEuros: balance / 100, neededEuros: needed / 100 });
		}
		if (err.code === 'ledger.already_reversed') throw new DomainError('pot.already_reversed');
		if (err.code === 'ledger.idempotency_mismatch') throw new DomainError('pot.idempotency_mismatch');
		throw err;
	}
	const amountCents = original.legs.reduce((s, l) => s + Number(l.amount), 0);
	if (posted.applied) {
		await recordAudit(tx, {
			at,
			actorId: actor.accountId,
			action: 'pot.reversal',
			subject: `ledger_transfer:${original.id}`,
			details: { buurtId: v.buurtId, reversalId: posted.id, kind, amountCents, reason: v.reason }
		});
	}
	const after = await getBuurtBalances(tx, { buurtId: v.buurtId });
	return {
		reversalId: posted.id,
		transferId: original.id,
		kind,
		amountCents,
		reason: posted.reason ?? v.reason,
		fundingCents: after.funding?.balance ?? 0,
		buurtpotCents: after.buurtpot?.balance ?? 0,
		applied: posted.applied
	};
}
