import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { DomainError, isDomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { requirePotManager } from './reversal';
import { ensureBuurtAccounts, getBalance, postTopUp, MAX_AMOUNT } from '../ledger';
import { lockBuurtFunding, payPendingRewards } from '../help';
import { keyedTransferId, potIdempotencyKeySchema } from './keys';

/** €100,000 per top-up: a typo guard, not a policy. */
export const MAX_TOP_UP_CENTS = 10_000_000;

export const topUpBuurtSchema = z.object({
	buurtId: z.uuid('pot.not_found'),
	account: z.enum(['funding', 'buurtpot'], 'pot.account_invalid'),
	amountCents: z
		.number({ error: 'pot.amount_invalid' })
		.int('pot.amount_whole_cents')
		.positive('pot.amount_positive')
		.max(Math.min(MAX_TOP_UP_CENTS, MAX_AMOUNT), 'pot.amount_too_big'),
	note: plainText({ error: 'pot.note_required' }).trim().min(3, 'pot.note_required').max(500),
	/** Required: the ledger transfer is named after it, so no retry can pay twice. */
	idempotencyKey: potIdempotencyKeySchema
});

export interface TopUpResult {
	transferId: string;
	account: 'funding' | 'buurtpot';
	amountCents: number;
	balanceCents: number;
	/** Pending rewards this top-up paid (funding only). */
	paidRewards: number;
	stillPending: number;
}

/**
 * Staff put money into a buurt: into the corporation's funding account for that buurt (rewards
 * are paid from it; pending rewards are paid oldest-first right after), or straight into the
 * buurtpot. The idempotency key is required: the transfer id is made from it (keys.ts), so a
 * retry returns the first result — also after the help_idempotency row is gone, through the
 * ledger's own idempotency — and the same key with another amount or note is refused. Audited
 * by the ledger.
 * Errors: validation.invalid (amountCents → pot.amount_invalid | pot.amount_whole_cents |
 * pot.amount_positive | pot.amount_too_big; note → pot.note_required; idempotencyKey →
 * pot.idempotency_key_required | help.idempotency_key_invalid), pot.not_found,
 * pot.forbidden, pot.idempotency_mismatch.
 */
export async function topUpBuurt(ctx: Ctx, actor: Actor, input: unknown): Promise<TopUpResult> {
	const buurtId = parseTarget(topUpBuurtSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await requirePotManager(tx, actor, buurtId);
		const v = parseInput(topUpBuurtSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'pot.top_up', input: v, at }, async () => {
			await lockBuurtFunding(tx, v.buurtId);
			const accounts = await ensureBuurtAccounts(tx, { buurtId: v.buurtId, at });
			const target = accounts[v.account];
			const id = keyedTransferId('pot.top_up', actor.accountId, 'pot.top_up', v.idempotencyKey);
			let posted;
			try {
				posted = await postTopUp(tx, { id, accountId: target.id, amount: v.amountCents, note: v.note, actorId: actor.accountId, at });
			} catch (err) {
				if (isDomainError(err) && err.code === 'ledger.idempotency_mismatch') throw new DomainError('pot.idempotency_mismatch');
				throw err;
			}
			const payout = v.account === 'funding' ? await payPendingRewards(tx, { buurtId: v.buurtId, at }) : { paid: [], stillPending: 0 };
			const { balance } = await getBalance(tx, { accountId: target.id });
			return { transferId: posted.id, account: v.account, amountCents: v.amountCents, balanceCents: balance, paidRewards: payout.paid.length, stillPending: payout.stillPending };
		});
	});
}