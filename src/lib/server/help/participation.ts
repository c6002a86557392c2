import type { Queryable } from '../db/client';

/**
 * Who takes part in Superbuurt across a corporation, for the personas' live evidence (voice):
 * requests since a moment, how many came from a first-time asker (the asker had no earlier
 * request — asking is hard, "vraagverlegenheid"), how many were asked on a neighbour's behalf,
 * and how many different neighbours took a request since then. Counts only, no people; one query.
 */
export interface HelpParticipation {
	requests: number;
	firstTimeAskers: number;
	onBehalf: number;
	activeHelpers: number;
}

export async function helpParticipation(db: Queryable, corporationId: string, since: Date): Promise<HelpParticipation> {
	const [row] = await db.query<{ requests: number; first_time: number; on_behalf: number; active_helpers: number }>(
		`SELECT count(*)::int AS requests,
			count(*) FILTER (WHERE r.asker_id IS NOT NULL AND NOT EXISTS (
				SELECT 1 FROM help_requests e WHERE e.asker_id = r.asker_id AND (e.created_at < r.created_at OR (e.created_at = r.created_at AND e.id < r.id))))::int AS first_time,
			count(*) FILTER (WHERE r.proxy_id IS NOT NULL)::int AS on_behalf,
			(SELECT count(DISTINCT h.helper_id)::int FROM help_requests h JOIN buurten hb ON hb.id = h.buurt_id
			 WHERE hb.corporation_id = $1 AND h.helper_id IS NOT NULL AND h.taken_at >= $2) AS active_helpers
		 FROM help_requests r JOIN buurten b ON b.id = r.buurt_id WHERE b.corporation_id = $1 AND r.created_at >= $2`,
		[corporationId, since]
	);
	return { requests: row.requests, firstTimeAskers: row.first_time, onBehalf: row.on_behalf, activeHelpers: row.active_helpers };
}
