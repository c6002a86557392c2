import { buurtInScope, isStaffOf, type Actor } from '../people';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { canViewBuurtProposals, unitsInBuurt } from '../proposals';
import { phaseOf, type RoundRow } from './model';

/** Who may see, vote in, enter paper ballots for, close and cancel a round: pure functions. */

type RoundFacts = Pick<RoundRow, 'buurt_id' | 'corporation_id'>;

/** Who sees a round: whoever sees the buurt's proposals (members, staff, tenants' association). */
export const canViewRound = (actor: Actor, r: RoundFacts) => canViewBuurtProposals(actor, r);

/** Staff of the corporation open, cancel and close rounds and enter paper ballots. */
export const canManageRound = (actor: Actor, r: Pick<RoundRow, 'corporation_id'>) => isStaffOf(actor, r.corporation_id);

/**
 * Scope, then role (people/scope.ts), for opening a round or importing a test round: a buurt the
 * actor does not see is rounds.not_found (404) whatever the body says; inside it only staff of the
 * corporation (rounds.forbidden, 403). Called before the body is parsed.
 */
export async function buurtToManageRounds(q: Queryable, actor: Actor, buurtId: string) {
	const buurt = await buurtInScope(q, actor, buurtId, 'buurtpot', 'rounds.not_found');
	if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('rounds.forbidden');
	return buurt;
}

/**
 * The household (unit) the actor votes for in this buurt. One ballot per household: a person
 * with several homes in one buurt votes for the first (by unit id), the same household the
 * proposals module counts their support for.
 */
export const householdOf = (actor: Actor, buurtId: string): string | null => unitsInBuurt(actor, buurtId)[0] ?? null;

/** Why a person may not vote now, or null when they may. */
export function voteBlock(actor: Actor, r: RoundRow, now: Date): 'not_open_yet' | 'closed' | 'no_household' | null {
	const phase = phaseOf(r, now);
	if (phase === 'upcoming') return 'not_open_yet';
	if (phase !== 'open') return 'closed';
	if (!householdOf(actor, r.buurt_id)) return 'no_household';
	return null;
}

export const canVote = (actor: Actor, r: RoundRow, now: Date) => voteBlock(actor, r, now) === null;
export const canEnterPaper = (actor: Actor, r: RoundRow, now: Date) => canManageRound(actor, r) && phaseOf(r, now) === 'open';
/** Closing is for after the closing time (the job does it within minutes; staff need not wait). */
export const canClose = (actor: Actor, r: RoundRow, now: Date) => canManageRound(actor, r) && phaseOf(r, now) === 'closing';
/** Cancelling is possible until the close; the use case also requires that nobody has voted. */
export const canCancel = (actor: Actor, r: RoundRow, now: Date) => canManageRound(actor, r) && ['upcoming', 'open'].includes(phaseOf(r, now));

/** Staff close an open round before its closing time, with a reason (close-early.ts). */
export const canCloseEarly = (actor: Actor, r: RoundRow, now: Date) => canManageRound(actor, r) && phaseOf(r, now) === 'open';
