import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import type { Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { MAX_PHOTOS, proposalIdSchema, type ProposalStatus } from './model';
import { canEdit, canWithdraw } from './policy';
import { recordProposalHistory, setStatus, visibleProposal } from './store';
import { prepareFiles, storeFiles, type IncomingFile } from './uploads';
import { costRule, fileFingerprint, proposalText, withCost } from './proposal-text';
import { contentEdited } from '../moderation';
import { proposalWords } from './moderation-target';

/** The author changes their mind: edits the proposal, or withdraws it. */

export const editProposalSchema = z
	.object({ proposalId: proposalIdSchema, ...proposalText, idempotencyKey: idempotencyKeySchema })
	.superRefine(costRule)
	.transform(withCost);

/**
 * The author edits their proposal: within 24 hours of proposing and before another household
 * supports it, or after the feasibility check asked for changes — then the edit sends it back
 * to the check ('needs_changes' → 'feasibility'). Photos can be added (up to 3 in all) or removed
 * (`removePhotoIds`).
 * Errors: as createProposal, plus proposals.not_found, proposals.edit_closed (409: window over,
 * supported already, or in another status), proposals.idempotency_mismatch, moderation.removed (409:
 * the text was removed after reports).
 */
export async function editProposal(
	ctx: Ctx,
	actor: Actor,
	input: unknown,
	photos: IncomingFile[] = [],
	removePhotoIds: string[] = []
): Promise<{ id: string; status: ProposalStatus }> {
	const at = ctx.clock();
	// Scope, then role, then the body and the photos (people/scope.ts); checked again under the lock.
	const target = await visibleProposal(ctx.db, actor, parseTarget(editProposalSchema.in, 'proposalId', input));
	if (!canEdit(actor, target, at)) throw new DomainError(target.author_id === actor.accountId ? 'proposals.edit_closed' : 'proposals.forbidden');
	const v = parseInput(editProposalSchema, input);
	const prepared = await prepareFiles(photos, { max: MAX_PHOTOS });
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId, { lock: true });
		if (!canEdit(actor, p, at)) throw new DomainError(p.author_id === actor.accountId ? 'proposals.edit_closed' : 'proposals.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.edit', input: { ...v, photos: fileFingerprint(photos), removePhotoIds }, at }, async () => {
			const remove = removePhotoIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
			if (remove.length) await tx.query(`DELETE FROM buurtpot_files WHERE proposal_id = $1 AND purpose = 'photo' AND id = ANY($2::uuid[])`, [p.id, remove]);
			const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM buurtpot_files WHERE proposal_id = $1 AND purpose = 'photo'`, [p.id]);
			if (n + prepared.length > MAX_PHOTOS) throw new DomainError('validation.invalid', { max: MAX_PHOTOS, fieldParams: { photos: { max: MAX_PHOTOS } } }, { photos: 'photos.too_many_files' });
			await storeFiles(tx, prepared, { buurtId: p.buurt_id, proposalId: p.id, purpose: 'photo', uploadedBy: actor.accountId, at });
			// Reported text: an edit of hidden words goes back to review and stays hidden until then; removed text is not edited (moderation's rule).
			await contentEdited(tx, { kind: 'proposal_text', id: p.id, text: proposalWords(v), actorId: actor.accountId, at });
			const before = { title: p.title, description: p.description, costCents: p.cost_cents, place: p.place, volunteers: p.volunteers };
			await tx.query(
				`UPDATE buurtpot_proposals SET title = $2, description = $3, cost_cents = $4, cost_lines = $5::jsonb, place = $6, volunteers = $7,
					requested_cost_cents = NULL, edited_at = $8, updated_at = $8, version = version + 1 WHERE id = $1`,
				[p.id, v.title, v.description, v.costCents, JSON.stringify(v.costLines), v.place, v.volunteers, at]
			);
			if (p.status === 'needs_changes') {
				await setStatus(tx, p, 'feasibility', { at, actorId: actor.accountId, action: 'resubmit', details: { before } });
				return { id: p.id, status: 'feasibility' as const };
			}
			await recordProposalHistory(tx, { proposalId: p.id, at, actorId: actor.accountId, action: 'edit', from: p.status, to: p.status, details: { before } });
			return { id: p.id, status: p.status };
		});
	});
}

export const withdrawProposalSchema = z.object({
	proposalId: proposalIdSchema,
	reason: plainText().trim().max(1000, 'validation.too_long').optional(),
	idempotencyKey: idempotencyKeySchema
});

/**
 * The author withdraws their proposal, at any time until it is on a ballot.
 * Errors: proposals.not_found, proposals.forbidden (not the author), proposals.withdraw_closed
 * (409: on a ballot or decided already), proposals.already_withdrawn (409).
 */
export async function withdrawProposal(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; status: 'withdrawn' }> {
	const proposalId = parseTarget(withdrawProposalSchema, 'proposalId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		const p = await visibleProposal(tx, actor, proposalId, { lock: true });
		if (p.author_id !== actor.accountId) throw new DomainError('proposals.forbidden');
		const v = parseInput(withdrawProposalSchema, input);
		if (p.status === 'withdrawn') throw new DomainError('proposals.already_withdrawn');
		if (!canWithdraw(actor, p)) throw new DomainError('proposals.withdraw_closed', { status: p.status });
		await setStatus(tx, p, 'withdrawn', { at, actorId: actor.accountId, action: 'withdraw', reason: v.reason || null, extraSql: 'withdrawn_at = $3' });
		return { id: p.id, status: 'withdrawn' as const };
	});
}
