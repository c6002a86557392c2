import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError, isDomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import { emitWebhookEvent } from '../webhooks';
import type { Actor } from '../people';
import { ensureBuurtAccounts, getBuurtBalances, postTransfer } from '../ledger';
import { withIdempotency } from '../shared/idempotency';
import { keyedUuid, PAYOUT_CODE, payoutTransferId, postPotReversal, potIdempotencyKeySchema, requirePotManager, reversePotTransferSchema, type PotReversalResult } from '../pot';
import { centsSchema, proposalIdSchema, type ProposalStatus } from './model';
import { canPay } from './policy';
import { setStatus, visibleProposal, recordProposalHistory } from './store';
import { prepareFiles, storeFiles, type IncomingFile } from './uploads';
import { notifyProposal } from './notices';

/**
 * Spending: a proposal that won the vote is paid from the buurtpot, in one or more payments,
 * each a ledger transfer from the buurt's buurtpot account to its expense account with the payee
 * and a receipt. The ledger refuses to take the buurtpot below zero (checked under its row lock,
 * so two payments at once cannot overdraw it); the payments together never exceed the proposal's
 * (checked) cost. Every payment is visible to the buurt. The first payment moves the proposal to
 * 'in_progress'.
 *
 * Never twice: the payment's id and its transfer's id are made from the request's idempotency
 * key (pot/keys.ts), and buurtpot_payments.transfer_id is unique. A retry of the same request —
 * whenever, also after its help_idempotency row was pruned — finds the payment and returns it.
 */

export { PAYOUT_CODE, payoutTransferId };

export const payProposalSchema = z.object({
	proposalId: proposalIdSchema,
	amountCents: centsSchema('amount'),
	payee: plainText({ error: 'proposals.payee_required' }).trim().min(2, 'proposals.payee_required').max(120, 'validation.too_long'),
	note: plainText().trim().max(500, 'validation.too_long').optional(),
	/** Required: the payment and its transfer are named after it. */
	idempotencyKey: potIdempotencyKeySchema
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
 * photos.file_too_big | photos.file_broken), proposals.not_found, proposals.forbidden
 * (not staff of the corporation), proposals.not_payable {status} (not won, or done),
 * proposals.payment_exceeds_cost {remainingCents}, pot.insufficient {balanceCents, neededCents}
 * (the buurtpot does not hold that much), proposals.idempotency_mismatch.
 */
export async function payProposal(ctx: Ctx, actor: Actor, input: unknown, receipt: IncomingFile | null): Promise<PaymentResult> {
	// Scope, then role, then the body and the receipt (people/scope.ts); checked again under the lock.
	const proposal = await visibleProposal(ctx.db, actor, parseTarget(payProposalSchema, 'proposalId', input));
	if (!canPay(actor, { ...proposal, status: 'won' })) throw new DomainError('proposals.forbidden');
	const { v, file } = await checkPayment(ctx, actor, input, receipt);
	const at = ctx.clock();
	const transferId = payoutTransferId(actor.accountId, v.idempotencyKey);
	const paymentId = keyedUuid(actor.accountId, 'proposals.pay', v.idempotencyKey);
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId, { lock: true });
		if (!canPay(actor, { ...p, status: 'won' })) throw new DomainError('proposals.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.pay', input: { ...v, receipt: file.sha256 }, at }, async () => {
			const earlier = await replayPayment(tx, transferId, { ...v, receiptSha256: file.sha256 }, p);
			if (earlier) return earlier;
			if (!canPay(actor, p)) throw new DomainError('proposals.not_payable', { status: p.status });
			const paid = await paidCents(tx, p.id);
			const remaining = p.cost_cents - paid;
			if (v.amountCents > remaining) throw new DomainError('proposals.payment_exceeds_cost', { remainingCents: remaining }, { amountCents: 'proposals.payment_exceeds_cost' });
			const { buurtpot, expense } = await ensureBuurtAccounts(tx, { buurtId: p.buurt_id, at });
			try {
				await postTransfer(tx, {
					id: transferId,
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
				if (isDomainError(err) && err.code === 'ledger.idempotency_mismatch') throw new DomainError('proposals.idempotency_mismatch');
				throw err;
			}
			const [receiptId] = await storeFiles(tx, [file], { buurtId: p.buurt_id, proposalId: p.id, purpose: 'receipt', uploadedBy: actor.accountId, at });
			await tx.query(
				`INSERT INTO buurtpot_payments (id, proposal_id, buurt_id, amount_cents, payee, note, receipt_file_id, transfer_id, paid_by, at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				[paymentId, p.id, p.buurt_id, v.amountCents, v.payee, v.note || null, receiptId, transferId, actor.accountId, at]
			);
			await recordAudit(tx, {
				at,
				actorId: actor.accountId,
				action: 'buurtpot.payment',
				subject: `buurtpot_proposal:${p.id}`,
				details: { paymentId, transferId, amountCents: v.amountCents, payee: v.payee, receiptSha256: file.sha256 }
			});
			await emitWebhookEvent(tx, { type: 'payout.made', at, buurtId: p.buurt_id, data: { paymentId, proposalId: p.id, buurtId: p.buurt_id, amountCents: v.amountCents, transferId } });
			// The supporters waited for this; the amount is rendered in each reader's own format.
			await notifyProposal(tx, p.id, 'proposal.paid', { at, actorId: actor.accountId, params: { amount: v.amountCents / 100 } });
			let status: ProposalStatus = p.status;
			if (p.status === 'won') {
				await setStatus(tx, p, 'in_progress', { at, actorId: actor.accountId, action: 'first_payment', details: { paymentId, amountCents: v.amountCents } });
				status = 'in_progress';
			} else {
				await recordProposalHistory(tx, { proposalId: p.id, at, actorId: actor.accountId, action: 'payment', from: p.status, to: p.status, details: { paymentId, amountCents: v.amountCents } });
			}
			return { id: paymentId, proposalId: p.id, transferId, amountCents: v.amountCents, paidCents: paid + v.amountCents, remainingCents: remaining - v.amountCents, status };
		});
	});
}

/**
 * Every problem of the form at once, each on its field: the typed fields, the receipt, and — when
 * something else is wrong too — whether the amount fits what is left to pay and what the pot
 * holds (the payment itself checks those again under its locks).
 */
async function checkPayment(ctx: Ctx, actor: Actor, input: unknown, receipt: IncomingFile | null) {
	const problems: Record<string, string> = {};
	const collect = (err: unknown) => {
		if (!(isDomainError(err) && err.code === 'validation.invalid')) throw err;
		Object.assign(problems, err.fields);
	};
	let v: z.infer<typeof payProposalSchema> | null = null;
	try {
		v = parseInput(payProposalSchema, input);
	} catch (err) {
		collect(err);
	}
	let file: Awaited<ReturnType<typeof prepareFiles>>[number] | null = null;
	if (!receipt) problems.receipt = 'proposals.receipt_required';
	else {
		try {
			[file] = await prepareFiles([receipt], { allowPdf: true, max: 1 });
		} catch (err) {
			collect(err);
		}
	}
	const amount = v?.amountCents ?? (input as { amountCents?: unknown } | null)?.amountCents;
	const proposalId = v?.proposalId ?? (input as { proposalId?: unknown } | null)?.proposalId;
	if (Object.keys(problems).length && !problems.amountCents && typeof amount === 'number' && typeof proposalId === 'string') {
		const tooMuch = await amountProblem(ctx.db, actor, proposalId, amount).catch(() => null);
		if (tooMuch) problems.amountCents = tooMuch;
	}
	if (Object.keys(problems).length || !v || !file) throw new DomainError('validation.invalid', {}, problems);
	return { v, file };
}

/** Why this amount cannot be paid now (more than is left to pay, more than the pot holds), or null. */
async function amountProblem(db: Queryable, actor: Actor, proposalId: string, amountCents: number): Promise<string | null> {
	const p = await visibleProposal(db, actor, proposalId);
	if (!canPay(actor, p)) return null;
	if (amountCents > p.cost_cents - (await paidCents(db, p.id))) return 'proposals.payment_exceeds_cost';
	const { buurtpot } = await getBuurtBalances(db, { buurtId: p.buurt_id });
	return amountCents > Number(buurtpot?.balance ?? 0) ? 'pot.insufficient_field' : null;
}

/** What a proposal has been paid: payments minus reversed payments (their rows are negative). */
const paidCents = async (tx: Queryable, proposalId: string, upToSeq?: number) =>
	Number(
		(await tx.query<{ paid: number }>('SELECT COALESCE(sum(amount_cents), 0)::bigint AS paid FROM buurtpot_payments WHERE proposal_id = $1 AND ($2::bigint IS NULL OR seq <= $2)', [proposalId, upToSeq ?? null]))[0].paid
	);

/**
 * The payment this request already made, if any (the same transfer id): its result again when
 * the request is the same, proposals.idempotency_mismatch when the key came with other content.
 */
async function replayPayment(
	tx: Queryable,
	transferId: string,
	v: { proposalId: string; amountCents: number; payee: string; note?: string; receiptSha256: string },
	p: { id: string; cost_cents: number; status: ProposalStatus }
): Promise<PaymentResult | null> {
	const [row] = await tx.query<{ id: string; seq: number; proposal_id: string; amount_cents: number; payee: string; note: string | null; sha256: string | null }>(
		`SELECT pay.id, pay.seq, pay.proposal_id, pay.amount_cents, pay.payee, pay.note, f.sha256
		 FROM buurtpot_payments pay LEFT JOIN buurtpot_files f ON f.id = pay.receipt_file_id WHERE pay.transfer_id = $1`,
		[transferId]
	);
	if (!row) return null;
	const same = row.proposal_id === v.proposalId && Number(row.amount_cents) === v.amountCents && row.payee === v.payee && (row.note ?? '') === (v.note ?? '') && row.sha256 === v.receiptSha256;
	if (!same) throw new DomainError('proposals.idempotency_mismatch');
	const paid = await paidCents(tx, p.id, Number(row.seq));
	return { id: row.id, proposalId: p.id, transferId, amountCents: v.amountCents, paidCents: paid, remainingCents: p.cost_cents - paid, status: p.status };
}

/**
 * Staff reverse a top-up or a payout of the buurt that was booked wrongly, with a reason
 * everyone in the buurt reads (pot/reversal.ts has the rules). A reversed payout also gives the
 * proposal its money back: a negative payment row that points at the payment, so what the
 * proposal has been paid and still needs is right everywhere. One transaction: ledger reversal,
 * audit rows ('ledger.reversal', 'pot.reversal', for a payout 'buurtpot.payment_reversed'),
 * the proposal's history. Retried with the same key, it returns the first result and writes
 * nothing again.
 * Errors: validation.invalid (reason → pot.reason_required | validation.too_long;
 * idempotencyKey → pot.idempotency_key_required | help.idempotency_key_invalid; transferId →
 * pot.transfer_not_found), and those of postPotReversal.
 */
export async function reversePotTransfer(ctx: Ctx, actor: Actor, input: unknown): Promise<PotReversalResult> {
	const buurtId = parseTarget(reversePotTransferSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		await requirePotManager(tx, actor, buurtId);
		const v = parseInput(reversePotTransferSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'pot.reverse', input: v, at }, async () => {
			// Lock order as when paying: the proposal, then (inside the ledger) the accounts.
			const [payment] = await tx.query<{ id: string; proposal_id: string; buurt_id: string; amount_cents: number; payee: string; status: ProposalStatus }>(
				`SELECT pay.id, pay.proposal_id, pay.buurt_id, pay.amount_cents, pay.payee, p.status
				 FROM buurtpot_payments pay JOIN buurtpot_proposals p ON p.id = pay.proposal_id
				 WHERE pay.transfer_id = $1 AND pay.reverses_payment_id IS NULL
				 FOR UPDATE OF p`,
				[v.transferId]
			);
			const { applied, ...result } = await postPotReversal(tx, actor, v, at);
			if (result.kind === 'payout' && payment && applied) {
				const id = keyedUuid(actor.accountId, 'pot.reverse', v.idempotencyKey);
				const amountCents = -Number(payment.amount_cents);
				await tx.query(
					`INSERT INTO buurtpot_payments (id, proposal_id, buurt_id, amount_cents, payee, note, receipt_file_id, transfer_id, paid_by, at, reverses_payment_id)
					 VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10)`,
					[id, payment.proposal_id, payment.buurt_id, amountCents, payment.payee, v.reason, result.reversalId, actor.accountId, at, payment.id]
				);
				await recordProposalHistory(tx, { proposalId: payment.proposal_id, at, actorId: actor.accountId, action: 'payment_reversed', from: payment.status, to: payment.status, reason: v.reason, details: { paymentId: payment.id, amountCents } });
				await recordAudit(tx, { at, actorId: actor.accountId, action: 'buurtpot.payment_reversed', subject: `buurtpot_proposal:${payment.proposal_id}`, details: { paymentId: payment.id, reversalId: result.reversalId, amountCents, reason: v.reason } });
			}
			return result;
		});
	});
}
