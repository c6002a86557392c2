import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { centsSchema, feasibilityOutcomes, proposalIdSchema, reasonSchema, type ProposalStatus } from './model';
import { canCheckFeasibility } from './policy';
import { getBuurtpotSettings, setStatus, visibleProposal } from './store';
import { notifyProposal } from './notices';

/**
 * The feasibility check: staff of the corporation (and, where the buurt's settings allow it, the
 * tenants' association) check cost and feasibility of a proposal that found enough support, and
 * answer with a reason that the author and the whole buurt read:
 * - accept: it goes on the next ballot, possibly with an adjusted cost (the reason says why; the
 *   author's original amount is kept and shown);
 * - needs_changes: the author edits it (editProposal), which sends it back to this check;
 * - decline: it ends here.
 */

const toStatus: Record<(typeof feasibilityOutcomes)[number], ProposalStatus> = { accept: 'accepted', needs_changes: 'needs_changes', decline: 'declined' };

export const answerFeasibilitySchema = z.object({
	proposalId: proposalIdSchema,
	outcome: z.enum(feasibilityOutcomes, 'proposals.outcome_required'),
	reason: reasonSchema,
	/** Only with 'accept': the cost the corporation will hold the proposal to. */
	costCents: centsSchema('cost').optional(),
	idempotencyKey: idempotencyKeySchema
});

/**
 * Answers the feasibility check of a proposal in 'feasibility'.
 * Errors: validation.invalid (outcome → proposals.outcome_required; reason → proposals.reason_required |
 * validation.too_long; costCents → proposals.cost_* | proposals.cost_only_when_accepting),
 * proposals.not_found, proposals.forbidden (not staff, or the association where the buurt does not
 * let it check), proposals.own_proposal (nobody checks their own), proposals.already_checked (409),
 * proposals.not_ready_for_check {status} (still collecting support, withdrawn, …),
 * proposals.idempotency_mismatch.
 */
export async function answerFeasibility(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; status: ProposalStatus; costCents: number }> {
	const proposalId = parseTarget(answerFeasibilitySchema, 'proposalId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		const p = await visibleProposal(tx, actor, proposalId, { lock: true });
		const settings = await getBuurtpotSettings(tx, p.buurt_id);
		if (!canCheckFeasibility(actor, p, settings.associationChecks)) throw new DomainError('proposals.forbidden');
		const v = parseInput(answerFeasibilitySchema, input);
		if (v.costCents !== undefined && v.outcome !== 'accept') throw new DomainError('validation.invalid', {}, { costCents: 'proposals.cost_only_when_accepting' });
		if (p.author_id === actor.accountId) throw new DomainError('proposals.own_proposal');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.feasibility', input: v, at }, async () => {
			if (p.status !== 'feasibility') {
				const decided = ['accepted', 'declined', 'needs_changes', 'in_vote', 'won', 'lost', 'in_progress', 'done'].includes(p.status);
				throw new DomainError(decided ? 'proposals.already_checked' : 'proposals.not_ready_for_check', { status: p.status });
			}
			const adjusted = v.outcome === 'accept' && v.costCents !== undefined && v.costCents !== p.cost_cents;
			const cost = adjusted ? v.costCents! : p.cost_cents;
			const to = toStatus[v.outcome];
			await setStatus(tx, p, to, {
				at,
				actorId: actor.accountId,
				action: `feasibility.${v.outcome}`,
				reason: v.reason,
				details: adjusted ? { costCents: cost, requestedCostCents: p.cost_cents } : {},
				extraSql: `decision = $4, decision_reason = $5, decided_by = $6, decided_at = $3, cost_cents = $7,
					requested_cost_cents = CASE WHEN $8::boolean THEN COALESCE(requested_cost_cents, $9) ELSE requested_cost_cents END`,
				extraParams: [v.outcome, v.reason, actor.accountId, cost, adjusted, p.cost_cents]
			});
			await recordAudit(tx, {
				at,
				actorId: actor.accountId,
				action: 'buurtpot.feasibility',
				subject: `buurtpot_proposal:${p.id}`,
				details: { outcome: v.outcome, costCents: cost, ...(adjusted ? { requestedCostCents: p.cost_cents } : {}) }
			});
			await notifyProposal(tx, p.id, 'proposal.feasibility', { at, actorId: actor.accountId, params: { outcome: v.outcome, reason: v.reason } });
			return { id: p.id, status: to, costCents: cost };
		});
	});
}
