import type { Queryable } from '../db/client';
import { helpParticipation } from '../help';
import { MIN_COUNT, platformMetrics, type PlatformMetric } from './listen-model';

/**
 * Counts from the platform itself, computed live each time a persona is shown (never stored, so
 * they are always today's): the share of first-time askers among help requests, the number of
 * neighbours who helped, requests in a year, requests asked on a neighbour's behalf. Any figure
 * that rests on fewer than MIN_COUNT requests or people is suppressed (`value: null`, "<5").
 */

export interface PlatformCount {
	metric: PlatformMetric;
	/** A whole count, or a percentage when `of` is set; null when suppressed. */
	value: number | null;
	/** For a share: the part and the whole it is taken of. */
	of: { part: number; whole: number } | null;
	/** The period the count covers, in days. */
	days: number;
}

const YEAR = 365;
const QUARTER = 90;
const DAY_MS = 24 * 3600 * 1000;

const share = (metric: PlatformMetric, part: number, whole: number): PlatformCount =>
	whole < MIN_COUNT ? { metric, value: null, of: null, days: YEAR } : { metric, value: Math.round((100 * part) / whole), of: { part, whole }, days: YEAR };
const count = (metric: PlatformMetric, n: number, days: number): PlatformCount => ({ metric, value: n < MIN_COUNT ? null : n, of: null, days });

/** Every platform count of the corporation (two queries, whatever the number of personas). */
export async function platformCounts(db: Queryable, corporationId: string, now: Date): Promise<Record<PlatformMetric, PlatformCount>> {
	const year = await helpParticipation(db, corporationId, new Date(now.getTime() - YEAR * DAY_MS));
	const quarter = await helpParticipation(db, corporationId, new Date(now.getTime() - QUARTER * DAY_MS));
	const all: Record<PlatformMetric, PlatformCount> = {
		'help.first_time_askers': share('help.first_time_askers', year.firstTimeAskers, year.requests),
		'help.active_helpers': count('help.active_helpers', quarter.activeHelpers, QUARTER),
		'help.requests_year': count('help.requests_year', year.requests, YEAR),
		'help.on_behalf': share('help.on_behalf', year.onBehalf, year.requests)
	};
	for (const m of platformMetrics) if (!all[m]) throw new Error(`no count for ${m}`);
	return all;
}
