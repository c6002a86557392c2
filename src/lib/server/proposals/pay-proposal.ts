import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError, isDomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { ensureBuurtAccounts, postTransfer } from '../ledger';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { centsSchema, proposalIdSchema, type ProposalStatus } from './model';
import { canPay } from './policy';
import { setStatus, visibleProposal, recordProposalHistory } from './store';
import { prepareFiles, storeFiles, type IncomingFile } from './uploads';

/**
 * Spending: a proposal that won the vote is paid from the buurtpot, in one or more payments,
 * each a ledger transfer from the buurt's buurtpot account to its expense account with the payee
 * and a receipt. The ledger refuses to take the buurtpot below zero (checked under its row lock,
 * so two payments at once cannot overdraw it); the payments together never exceed the proposal's
 * (checked) cost. Every payment is visible to the buurt. The first payment moves the proposal to
 * 'in_progress'.
 */

export const PAYOUT_CODE = 'buurtpot.payout';
export const payoutTransferId = (paymentId: string) => `${PAYOUT_CODE}:${paymentId}`;

export const payProposalSchema = z.object({
	proposalId: proposalIdSchema,
	amountCents: centsSchema('amount'),
	payee: z.string({ error: 'proposals.payee_required' }).trim().min(2, 'proposals.payee_required').max(120, 'validation.too_long'),
	note: z.string().trim().max(500, 'validation.too_long').optional(),
	idempotencyKey: idempotencyKeySchema
});

export interface PaymentResult {
	id: string;
	proposalId: string;
	transferId: string;
	amountCents: number;
	paidCents: number;
	remainingCents: number;
	status: ProposalStatus;
}

/**
 * Staff pay (part of) a won proposal from the buurtpot, with a receipt (PDF, JPEG, PNG or WebP,
 * at most 5 MB). Audited twice: the ledger's 'ledger.transfer' and 'buurtpot.payment'.
 * Errors: validation.invalid (amountCents → proposals.amount_invalid | proposals.amount_whole_cents |
 * proposals.amount_positive | proposals.amount_too_big; payee → proposals.payee_required |
 * validation.too_long; receipt → proposals.receipt_required | proposals.receipt_type |
 * proposals.file_too_big | proposals.file_broken), proposals.not_found, proposals.forbidden
 * (not staff of the corporation), proposals.not_payable {status} (not won, or done),
 * proposals.payment_exceeds_cost {remainingCents}, pot.insufficient {balanceCents, neededCents}
 * (the buurtpot does not hold that much), proposals.idempotency_mismatch.
 */
export async function payProposal(ctx: Ctx, actor: Actor, input: unknown, receipt: IncomingFile | null): Promise<PaymentResult> {
	const v = parseInput(payProposalSchema, input);
	if (!receipt) throw new DomainError('validation.invalid', {}, { receipt: 'proposals.receipt_required' });
	const [file] = await prepareFiles([receipt], { allowPdf: true, max: 1 });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId, { lock: true });
		if (!canPay(actor, p)) {
			if (canPay(actor, { ...p, status: 'won' })) throw new DomainError('proposals.not_payable', { status: p.status });
			throw new DomainError('proposals.forbidden');
		}
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.pay', input: { ...v, receipt: file.sha256 }, at }, async () => {
			const [{ paid }] = await tx.query<{ paid: number }>('SELECT COALESCE(sum(amount_cents), 0)::bigint AS paid FROM buurtpot_payments WHERE proposal_id = $1', [p.id]);
			const remaining = p.cost_cents - Number(paid);
			if (v.amountCents > remaining) throw new DomainError('proposals.payment_exceeds_cost', { remainingCents: remaining }, { amountCents: 'proposals.payment_exceeds_cost' });
			const paymentId = randomUUID();
			const { buurtpot, expense } = await ensureBuurtAccounts(tx, { buurtId: p.buurt_id, at });
			try {
				await postTransfer(tx, {
					id: payoutTransferId(paymentId),
					code: PAYOUT_CODE,
					legs: [{ debitAccountId: buurtpot.id, creditAccountId: expense.id, amount: v.amountCents, code: 'payout', note: v.payee }],
					note: `${p.title} — ${v.payee}`.slice(0, 500),
					actorId: actor.accountId,
					at
				});
			} catch (err) {
				if (isDomainError(err) && err.code === 'ledger.limit_exceeded') {
					const balance = Number(err.details.balance ?? 0);
					throw new DomainError('pot.insufficient', { balanceCents: balance, neededCents: v.amountCents, balanceEuros: balance / 100, neededEuros: v.amountCents / 100 }, { amountCents: 'pot.insufficient_field' });
				}
				throw err;
			}
			const [receiptId] = await storeFiles(tx, [file], { buurtId: p.buurt_id, proposalId: p.id, purpose: 'receipt', uploadedBy: actor.accountId, at });
			await tx.query(
				`INSERT INTO buurtpot_payments (id, proposal_id, buurt_id, amount_cents, payee, note, receipt_file_id, transfer_id, paid_by, at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				[paymentId, p.id, p.buurt_id, v.amountCents, v.payee, v.note || null, receiptId, payoutTransferId(paymentId), actor.accountId, at]
			);
			await recordAudit(tx, {
				at,
				actorId: actor.accountId,
				action: 'buurtpot.payment',
				subject: `buurtpot_proposal:${p.id}`,
				details: { paymentId, transferId: payoutTransferId(paymentId), amountCents: v.amountCents, payee: v.payee, receiptSha256: file.sha256 }
			});
			let status: ProposalStatus = p.status;
			if (p.status === 'won') {
				await setStatus(tx, p, 'in_progress', { at, actorId: actor.accountId, action: 'first_payment', details: { paymentId, amountCents: v.amountCents } });
				status = 'in_progress';
			} else {
				await recordProposalHistory(tx, { proposalId: p.id, at, actorId: actor.accountId, action: 'payment', from: p.status, to: p.status, details: { paymentId, amountCents: v.amountCents } });
			}
			return { id: paymentId, proposalId: p.id, transferId: payoutTransferId(paymentId), amountCents: v.amountCents, paidCents: Number(paid) + v.amountCents, remainingCents: remaining - v.amountCents, status };
		});
	});
}
