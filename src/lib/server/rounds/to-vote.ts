import { jsonRows, known, part, withDates, type ReadPart } from '../db/parts';
import type { Actor } from '../people';
import { householdOf } from './policy';

export interface RoundToVote {
	id: string;
	title: string;
	buurtName: string;
	closesAt: Date;
}

/**
 * The open rounds of the buurten the actor lives in where their household has not voted yet
 * (for the home), as a part (db/parts.ts): one statement however many rounds are open. Open is
 * phaseOf's 'open' (not a test, not cancelled or closed, opened and not yet past its close); the
 * household is policy's householdOf, as castBallot uses it. Newest first, as listRounds.
 */
export function roundsToVotePart(actor: Actor, now: Date): ReadPart<RoundToVote[]> {
	if (!actor.memberBuurtIds.length) return known([]);
	const households = actor.memberBuurtIds.map((b) => householdOf(actor, b)).filter((u): u is string => !!u);
	return part(
		jsonRows(`SELECT r.id, r.title, b.name AS buurt_name, r.closes_at FROM buurtpot_rounds r JOIN buurten b ON b.id = r.buurt_id
		 WHERE r.buurt_id = ANY($1::uuid[]) AND NOT r.is_test AND r.cancelled_at IS NULL AND r.closed_at IS NULL
		   AND r.opens_at <= $2 AND r.closes_at > $2
		   AND NOT EXISTS (SELECT 1 FROM buurtpot_round_voters v WHERE v.round_id = r.id AND v.unit_id = ANY($3::uuid[]))
		 ORDER BY r.created_at DESC, r.id LIMIT 200`),
		[actor.memberBuurtIds, now, households],
		(value) => withDates(value as { id: string; title: string; buurt_name: string; closes_at: Date }[], ['closes_at']).map((r) => ({ id: r.id, title: r.title, buurtName: r.buurt_name, closesAt: r.closes_at }))
	);
}
