import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import type { Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { proposalIdSchema, type ProposalStatus } from './model';
import { canPropose } from './policy';
import { recordProposalHistory, setStatus, unitsInBuurt, visibleProposal } from './store';

/**
 * The support phase: a proposal needs N supporting households (units, not persons) of its buurt
 * within a period (the buurt's settings at the time it was proposed; default 5 within 30 days).
 * The author's household counts as the first. When N is reached the proposal goes on to the
 * feasibility check at once. When the deadline passes first, the proposal is shown as 'expired'
 * from that moment (effectiveStatus) and the `buurtpot.expire_support` job stores that status.
 */

export const supportProposalSchema = z.object({ proposalId: proposalIdSchema, idempotencyKey: idempotencyKeySchema });

export interface SupportResult {
	id: string;
	status: ProposalStatus;
	supportCount: number;
	supportNeeded: number;
}

/**
 * A member supports a proposal for their household. The proposal row is locked while counting,
 * so concurrent supports neither lose a count nor overshoot the move to feasibility; the
 * (proposal, unit) primary key makes a second support of one household impossible.
 * Errors: proposals.not_found (another buurt, unknown), proposals.forbidden (not a member: staff
 * and partners do not support), proposals.already_supported (409: you did already),
 * proposals.already_supported_by_household (409: someone at your address did),
 * proposals.support_closed {status, deadline} (the support phase is over or never was).
 */
export async function supportProposal(ctx: Ctx, actor: Actor, input: unknown): Promise<SupportResult> {
	const proposalId = parseTarget(supportProposalSchema, 'proposalId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		const p = await visibleProposal(tx, actor, proposalId, { lock: true });
		if (!canPropose(actor, p.buurt_id)) throw new DomainError('proposals.forbidden');
		const v = parseInput(supportProposalSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.support', input: v, at }, async () => {
			const units = unitsInBuurt(actor, p.buurt_id);
			const existing = await tx.query<{ unit_id: string; account_id: string }>(
				'SELECT unit_id, account_id FROM buurtpot_supports WHERE proposal_id = $1 AND unit_id = ANY($2::uuid[])',
				[p.id, units]
			);
			const free = units.find((u) => !existing.some((e) => e.unit_id === u));
			if (!free) throw new DomainError(existing.some((e) => e.account_id === actor.accountId) ? 'proposals.already_supported' : 'proposals.already_supported_by_household');
			if (p.status !== 'support' || at.getTime() >= new Date(p.support_deadline).getTime())
				throw new DomainError('proposals.support_closed', { status: p.status, deadline: new Date(p.support_deadline).toISOString() });
			await tx.query('INSERT INTO buurtpot_supports (proposal_id, unit_id, account_id, at) VALUES ($1, $2, $3, $4)', [p.id, free, actor.accountId, at]);
			const count = p.support_count + 1;
			await tx.query('UPDATE buurtpot_proposals SET support_count = $2, updated_at = $3 WHERE id = $1', [p.id, count, at]);
			let status: ProposalStatus = p.status;
			if (count >= p.support_needed) {
				await setStatus(tx, p, 'feasibility', { at, actorId: null, action: 'support_reached', details: { supportCount: count } });
				status = 'feasibility';
			}
			return { id: p.id, status, supportCount: count, supportNeeded: p.support_needed };
		});
	});
}

export const withdrawSupportSchema = z.object({ proposalId: proposalIdSchema, idempotencyKey: idempotencyKeySchema });

/**
 * A member takes back the support they gave, while the support phase runs (once N households
 * are reached the proposal has moved on, and the support stays). The author's household is the
 * first supporter and stays one: an author who no longer wants it withdraws the proposal.
 * Errors: proposals.not_found, proposals.forbidden (not a member), proposals.not_supported (409:
 * you do not support it; a housemate's support is theirs to take back), proposals.author_support
 * (409), proposals.support_closed {status, deadline}.
 */
export async function withdrawSupport(ctx: Ctx, actor: Actor, input: unknown): Promise<SupportResult> {
	const proposalId = parseTarget(withdrawSupportSchema, 'proposalId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, proposalId, { lock: true });
		if (!canPropose(actor, p.buurt_id)) throw new DomainError('proposals.forbidden');
		const v = parseInput(withdrawSupportSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.withdraw_support', input: v, at }, async () => {
			if (p.author_id === actor.accountId) throw new DomainError('proposals.author_support');
			if (p.status !== 'support' || at.getTime() >= new Date(p.support_deadline).getTime())
				throw new DomainError('proposals.support_closed', { status: p.status, deadline: new Date(p.support_deadline).toISOString() });
			const removed = await tx.query<{ unit_id: string }>('DELETE FROM buurtpot_supports WHERE proposal_id = $1 AND account_id = $2 RETURNING unit_id', [p.id, actor.accountId]);
			if (removed.length === 0) throw new DomainError('proposals.not_supported');
			const count = p.support_count - removed.length;
			await tx.query('UPDATE buurtpot_proposals SET support_count = $2, updated_at = $3 WHERE id = $1', [p.id, count, at]);
			return { id: p.id, status: p.status, supportCount: count, supportNeeded: p.support_needed };
		});
	});
}

/**
 * Stores 'expired' on proposals whose support phase ended without enough households. Pages
 * already show them as expired from the deadline on; this makes lists by status exact. Each in
 * its own short transaction; idempotent (a proposal that moved on meanwhile is skipped).
 */
export async function expireSupportPhases(ctx: Ctx): Promise<number> {
	const now = ctx.clock();
	const due = await ctx.db.query<{ id: string }>(
		`SELECT id FROM buurtpot_proposals WHERE status = 'support' AND support_deadline <= $1 ORDER BY support_deadline LIMIT 500`,
		[now]
	);
	let expired = 0;
	for (const { id } of due) {
		expired += await ctx.db.transaction(async (tx) => {
			const [p] = await tx.query<{ id: string; status: ProposalStatus; support_deadline: Date; support_count: number; support_needed: number }>(
				'SELECT id, status, support_deadline, support_count, support_needed FROM buurtpot_proposals WHERE id = $1 FOR UPDATE',
				[id]
			);
			if (!p || p.status !== 'support' || new Date(p.support_deadline) > now) return 0;
			await tx.query(`UPDATE buurtpot_proposals SET status = 'expired', updated_at = $2, version = version + 1 WHERE id = $1`, [id, now]);
			await recordProposalHistory(tx, { proposalId: id, at: now, actorId: null, action: 'support_expired', from: 'support', to: 'expired', details: { supportCount: p.support_count, supportNeeded: p.support_needed } });
			return 1;
		});
	}
	return expired;
}
