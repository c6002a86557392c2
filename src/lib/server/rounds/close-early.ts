import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import type { Actor } from '../people';
import { closeRound } from './results';
import { visibleRound } from './rounds';
import { canManageRound } from './policy';

/**
 * Staff close a round before its closing time — the vote was enough, a mistake on the ballot,
 * the buurt asked for it — with a reason that the results page shows to everyone. It is the
 * same close as at the closing time (results.ts): the result is counted once, now, and did not
 * exist before; ballots are anonymised, the secret deleted, winners move to won.
 */

export const closeRoundEarlySchema = z.object({
	roundId: z.uuid('rounds.not_found'),
	reason: plainText({ error: 'rounds.early_reason_required' }).trim().min(3, 'rounds.early_reason_required').max(2000, 'validation.too_long')
});

/**
 * Errors: validation.invalid (reason → rounds.early_reason_required | validation.too_long),
 * rounds.not_found, rounds.forbidden (not staff of the corporation), rounds.cancelled,
 * rounds.not_open {phase} (not open yet, or its closing time passed: then close it normally).
 * A round that is already closed is returned unchanged (alreadyClosed: true).
 */
export async function closeRoundEarly(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; alreadyClosed: boolean; winners: number }> {
	// Scope, then role, then the reason (people/scope.ts); closeRound checks both again in its transaction.
	const roundId = parseTarget(closeRoundEarlySchema, 'roundId', input);
	const r = await visibleRound(ctx.db, actor, roundId);
	if (!canManageRound(actor, r)) throw new DomainError('rounds.forbidden');
	const v = parseInput(closeRoundEarlySchema, input);
	return closeRound(ctx, actor, { roundId: v.roundId }, { reason: v.reason });
}
