import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { MAX_PHOTOS, proposalIdSchema } from './model';
import { canFollowUp } from './policy';
import { recordProposalHistory, setStatus, visibleProposal } from './store';
import { prepareFiles, storeFiles, type IncomingFile } from './uploads';

/**
 * Follow-up of a funded proposal: progress updates with photos, and the final report (what was
 * done; what it cost is the sum of its payments) that closes it ('done').
 */

export const postUpdateSchema = z.object({
	proposalId: proposalIdSchema,
	body: plainText({ error: 'proposals.update_required' }).trim().min(1, 'proposals.update_required').max(2000, 'validation.too_long'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * The author or staff post a progress update, with up to 3 photos.
 * Errors: validation.invalid (body → proposals.update_required | validation.too_long; photos →
 * photos.*), proposals.not_found, proposals.forbidden (not the author or staff, or the
 * proposal is not funded or already done), proposals.idempotency_mismatch.
 */
export async function postProgressUpdate(ctx: Ctx, actor: Actor, input: unknown, photos: IncomingFile[] = []): Promise<{ id: string; proposalId: string }> {
	// Scope, then role, then the body and the photos (people/scope.ts); checked again under the lock.
	const target = await visibleProposal(ctx.db, actor, parseTarget(postUpdateSchema, 'proposalId', input));
	if (!canFollowUp(actor, target)) throw new DomainError('proposals.forbidden');
	const v = parseInput(postUpdateSchema, input);
	const prepared = await prepareFiles(photos, { max: MAX_PHOTOS });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId, { lock: true });
		if (!canFollowUp(actor, p)) throw new DomainError('proposals.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.update', input: { ...v, photos: prepared.map((f) => f.sha256) }, at }, async () => {
			const [row] = await tx.query<{ id: string }>('INSERT INTO buurtpot_updates (proposal_id, author_id, body, at) VALUES ($1, $2, $3, $4) RETURNING id', [p.id, actor.accountId, v.body, at]);
			await storeFiles(tx, prepared, { buurtId: p.buurt_id, proposalId: p.id, updateId: row.id, purpose: 'update_photo', uploadedBy: actor.accountId, at });
			await recordProposalHistory(tx, { proposalId: p.id, at, actorId: actor.accountId, action: 'update', from: p.status, to: p.status, details: { updateId: row.id } });
			return { id: row.id, proposalId: p.id };
		});
	});
}

export const finishProposalSchema = z.object({
	proposalId: proposalIdSchema,
	report: plainText({ error: 'proposals.report_required' }).trim().min(10, 'proposals.report_required').max(4000, 'validation.too_long'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * The final report: what was done. What it cost is the sum of its payments, fixed at this moment
 * in the history. The proposal is 'done' afterwards (no more payments, updates or events).
 * Errors: validation.invalid (report → proposals.report_required | validation.too_long),
 * proposals.not_found, proposals.forbidden, proposals.idempotency_mismatch.
 */
export async function finishProposal(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; status: 'done'; spentCents: number }> {
	const proposalId = parseTarget(finishProposalSchema, 'proposalId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		const p = await visibleProposal(tx, actor, proposalId, { lock: true });
		if (!canFollowUp(actor, p)) throw new DomainError('proposals.forbidden');
		const v = parseInput(finishProposalSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.finish', input: v, at }, async () => {
			const [{ spent }] = await tx.query<{ spent: number }>('SELECT COALESCE(sum(amount_cents), 0)::bigint AS spent FROM buurtpot_payments WHERE proposal_id = $1', [p.id]);
			await setStatus(tx, p, 'done', { at, actorId: actor.accountId, action: 'finish', details: { spentCents: Number(spent), costCents: p.cost_cents }, extraSql: 'report = $4, done_at = $3', extraParams: [v.report] });
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'buurtpot.proposal_done', subject: `buurtpot_proposal:${p.id}`, details: { spentCents: Number(spent) } });
			return { id: p.id, status: 'done' as const, spentCents: Number(spent) };
		});
	});
}
