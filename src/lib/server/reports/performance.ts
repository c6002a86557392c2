import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { canReadBuurtFigures } from './policy';
import { DAY_MS, MIN_REPORTS_FOR_FIGURES } from './model';

/**
 * The corporation's own performance in a buurt, for the buurt's members (equality made
 * concrete): reports received, median hours to the first response and to resolution, the share
 * resolved within the target, and the mean satisfaction — over the reports made in the period
 * (default the last 365 days). A figure that rests on fewer than 5 reports is not given: it is
 * null with `suppressed: true`, and the page shows "<5".
 */
export const buurtPerformanceSchema = z.object({
	buurtId: z.uuid('reports.buurt_not_found'),
	days: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.number('validation.type').int('validation.type').min(7).max(3660).default(365))
});

export interface Figure {
	value: number | null;
	/** How many reports the figure rests on (not shown when suppressed). */
	basis: number | null;
	suppressed: boolean;
}

export interface BuurtPerformance {
	buurtId: string;
	since: Date;
	received: Figure;
	medianHoursToFirstResponse: Figure;
	medianHoursToResolution: Figure;
	shareWithinTarget: Figure;
	meanSatisfaction: Figure;
}

const figure = (value: number | null, basis: number): Figure =>
	basis < MIN_REPORTS_FOR_FIGURES ? { value: null, basis: null, suppressed: true } : { value: value === null ? null : Math.round(value * 100) / 100, basis, suppressed: false };

/** Errors: reports.buurt_not_found (unknown, or not the actor's buurt). One query. */
export async function getBuurtPerformance(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<BuurtPerformance> {
	const v = parseInput(buurtPerformanceSchema, input);
	const [b] = await db.query<{ id: string; corporation_id: string }>('SELECT id, corporation_id FROM buurten WHERE id = $1', [v.buurtId]);
	if (!b || !canReadBuurtFigures(actor, b)) throw new DomainError('reports.buurt_not_found');
	const since = new Date(now.getTime() - v.days * DAY_MS);
	const [f] = await db.query<{
		received: number; responded: number; first_response_h: number | null; resolved: number; resolution_h: number | null; within: number; rated: number; satisfaction: number | null;
	}>(
		`SELECT count(*)::int AS received,
			count(r.first_response_at)::int AS responded,
			percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_response_at - r.created_at) / 3600) AS first_response_h,
			count(r.resolved_at)::int AS resolved,
			percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.resolved_at - r.created_at) / 3600) AS resolution_h,
			count(*) FILTER (WHERE r.resolved_at IS NOT NULL AND (r.resolved_at AT TIME ZONE 'Europe/Amsterdam')::date <= r.due_on)::int AS within,
			count(s.score)::int AS rated,
			avg(s.score)::float8 AS satisfaction
		 FROM reports r LEFT JOIN report_satisfaction s ON s.report_id = r.id
		 WHERE r.buurt_id = $1 AND r.created_at >= $2 AND r.state NOT IN ('withdrawn', 'merged')`,
		[b.id, since]
	);
	return {
		buurtId: b.id,
		since,
		received: figure(f.received, f.received),
		medianHoursToFirstResponse: figure(f.first_response_h, f.responded),
		medianHoursToResolution: figure(f.resolution_h, f.resolved),
		shareWithinTarget: figure(f.resolved ? f.within / f.resolved : null, f.resolved),
		meanSatisfaction: figure(f.satisfaction, f.rated)
	};
}
