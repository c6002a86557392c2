import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { buurtInScope, type Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { DAY_MS, MAX_PHOTOS, type ProposalStatus } from './model';
import { canPropose } from './policy';
import { findSimilarProposals, type SimilarProposal } from './similarity';
import { ensureSettingsRow, getBuurtpotSettings, recordProposalHistory, setStatus, unitsInBuurt } from './store';
import { prepareFiles, storeFiles, type IncomingFile } from './uploads';
import { costRule, fileFingerprint, proposalText, withCost } from './proposal-text';

/**
 * Proposing, in two steps without JavaScript: the preview checks the input and lists similar
 * live proposals of the buurt ("support that one instead?"); then the proposal is made.
 */

export const createProposalSchema = z
	.object({ buurtId: z.uuid('proposals.buurt_required'), ...proposalText, idempotencyKey: idempotencyKeySchema })
	.superRefine(costRule)
	.transform(withCost);
export type CreateProposalInput = z.input<typeof createProposalSchema>;

/**
 * A member proposes what the buurtpot should pay for, with up to 3 photos. The support phase
 * starts at once: the buurt's settings (default 5 households within 30 days) are copied onto the
 * proposal, and the author's own household counts as its first supporter. With an idempotency
 * key a double submit makes exactly one proposal.
 * Errors: validation.invalid (fields: title → validation.required | proposals.title_too_short |
 * validation.too_long; description; costCents → proposals.cost_required | proposals.cost_invalid |
 * proposals.cost_whole_cents | proposals.cost_positive | proposals.cost_too_big |
 * proposals.cost_lines_mismatch; costLines.N.label|cents; place; volunteers; photos →
 * photos.file_type | photos.heic | photos.file_too_big | photos.file_broken | photos.too_many_files),
 * proposals.forbidden (not a member of the buurt; field buurtId → proposals.not_your_buurt),
 * proposals.idempotency_mismatch.
 */
export async function createProposal(ctx: Ctx, actor: Actor, input: unknown, photos: IncomingFile[] = []): Promise<{ id: string; status: ProposalStatus }> {
	// Scope, then role, then the body and the photos (people/scope.ts).
	const buurtId = parseTarget(createProposalSchema.in, 'buurtId', input);
	await proposingBuurt(ctx.db, actor, buurtId);
	const v = parseInput(createProposalSchema, input);
	const prepared = await prepareFiles(photos, { max: MAX_PHOTOS });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const units = unitsInBuurt(actor, v.buurtId);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.create', input: { ...v, photos: fileFingerprint(photos) }, at }, async () => {
			await ensureSettingsRow(tx, v.buurtId);
			const settings = await getBuurtpotSettings(tx, v.buurtId);
			const deadline = new Date(at.getTime() + settings.supportDays * DAY_MS);
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO buurtpot_proposals (buurt_id, author_id, title, description, cost_cents, cost_lines, place, volunteers, status,
					support_needed, support_deadline, support_count, created_at, updated_at)
				 VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 'support', $9, $10, 1, $11, $11) RETURNING id`,
				[v.buurtId, actor.accountId, v.title, v.description, v.costCents, JSON.stringify(v.costLines), v.place, v.volunteers, settings.supportHouseholds, deadline, at]
			);
			await tx.query('INSERT INTO buurtpot_supports (proposal_id, unit_id, account_id, at) VALUES ($1, $2, $3, $4)', [row.id, units[0], actor.accountId, at]);
			await storeFiles(tx, prepared, { buurtId: v.buurtId, proposalId: row.id, purpose: 'photo', uploadedBy: actor.accountId, at });
			await recordProposalHistory(tx, { proposalId: row.id, at, actorId: actor.accountId, action: 'propose', from: null, to: 'support', details: { costCents: v.costCents } });
			// Enough already (a buurt that needs only one household): straight on to the check.
			let status: ProposalStatus = 'support';
			if (settings.supportHouseholds <= 1) {
				await setStatus(tx, { id: row.id, status: 'support' }, 'feasibility', { at, actorId: null, action: 'support_reached' });
				status = 'feasibility';
			}
			return { id: row.id, status };
		});
	});
}

/** A buurt whose proposals the actor does not see is proposals.not_found; only its members propose (proposals.forbidden). */
async function proposingBuurt(q: Queryable, actor: Actor, buurtId: string) {
	await buurtInScope(q, actor, buurtId, 'buurtpot', 'proposals.not_found');
	if (!canPropose(actor, buurtId) || unitsInBuurt(actor, buurtId).length === 0) throw new DomainError('proposals.forbidden', {}, { buurtId: 'proposals.not_your_buurt' });
}

/**
 * Step one of proposing: checks the input exactly as createProposal will (so mistakes show
 * before the photos are chosen) and finds similar live proposals in the buurt ("support that one
 * instead?"). Writes nothing.
 * Errors: as createProposal (without the photo and idempotency ones).
 */
export async function previewProposal(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<{ costCents: number; similar: SimilarProposal[] }> {
	await proposingBuurt(db, actor, parseTarget(createProposalSchema.in, 'buurtId', input));
	const v = parseInput(createProposalSchema, input);
	return { costCents: v.costCents, similar: await findSimilarProposals(db, actor, { buurtId: v.buurtId, title: v.title, description: v.description }, now) };
}
