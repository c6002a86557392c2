import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { ProposalStatus } from './model';
import { setStatus } from './store';

/** The voting part (rounds) moves proposals on and off a ballot; nothing else may. */

/** The moves the voting part may make, from → to. */
const roundMoves: Record<'in_vote' | 'won' | 'lost' | 'accepted', readonly ProposalStatus[]> = {
	in_vote: ['accepted'],
	won: ['in_vote'],
	lost: ['in_vote'],
	// A round cancelled before its result: the proposal may go on a later ballot.
	accepted: ['in_vote']
};

export interface MarkForRoundInput {
	proposalIds: string[];
	status: 'in_vote' | 'won' | 'lost' | 'accepted';
	at: Date;
	/** Who caused it (staff opening or closing the round); null for a job. */
	actorId?: string | null;
	/** For the history: the round that did it. */
	roundId?: string | null;
}

/**
 * For the voting part, inside ITS transaction: puts accepted proposals on a ballot (in_vote),
 * records the result (won | lost), or takes them back off a cancelled round (accepted). Locks the
 * rows in id order (no deadlocks with other writers), writes one history row each. Idempotent:
 * a proposal already in the target status is left alone. Nothing is written unless every
 * proposal can move (the caller's transaction rolls back on the error).
 * Errors: proposals.not_found {proposalId}, proposals.status_conflict {proposalId, status, target} (409).
 */
export async function markProposalsForRound(tx: Queryable, input: MarkForRoundInput): Promise<{ changed: string[] }> {
	const v = parseInput(
		z.object({
			proposalIds: z.array(z.uuid('proposals.not_found')).max(1000),
			status: z.enum(['in_vote', 'won', 'lost', 'accepted']),
			at: z.date(),
			actorId: z.uuid().nullable().optional(),
			roundId: plainText().max(100).nullable().optional()
		}),
		input
	);
	const ids = [...new Set(v.proposalIds.map((id) => id.toLowerCase()))].sort();
	if (ids.length === 0) return { changed: [] };
	const rows = await tx.query<{ id: string; status: ProposalStatus }>(
		'SELECT id, status FROM buurtpot_proposals WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
		[ids]
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	for (const id of ids) {
		const r = byId.get(id);
		if (!r) throw new DomainError('proposals.not_found', { proposalId: id });
		if (r.status !== v.status && !roundMoves[v.status].includes(r.status)) throw new DomainError('proposals.status_conflict', { proposalId: id, status: r.status, target: v.status });
	}
	const changed: string[] = [];
	for (const id of ids) {
		const r = byId.get(id)!;
		if (r.status === v.status) continue;
		await setStatus(tx, r, v.status, { at: v.at, actorId: v.actorId ?? null, action: `round.${v.status}`, details: v.roundId ? { roundId: v.roundId } : {} });
		changed.push(id);
	}
	return { changed };
}
