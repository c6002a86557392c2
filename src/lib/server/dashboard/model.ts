/**
 * The dashboard's vocabulary: areas, periods and metric keys. A figure is one row of
 * dashboard_figures (area, period, metric key, value, n, computed_at); a metric that lands with a
 * later module (survey grades from `voice`) is a new key here and a new source in sources.ts —
 * the table does not change (see "Extension point" in docs/ARCHITECTURE.md, Dashboard).
 */

export const areaKinds = ['corporation', 'gemeente', 'wijk', 'buurt', 'complex'] as const;
export type AreaKind = (typeof areaKinds)[number];
export const periodKinds = ['month', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** Any figure that rests on fewer than this many people is shown as "<5". */
export const MIN_PEOPLE = 5;
/** What "<5" looks like in every export (page, CSV, GeoJSON, API). */
export const SUPPRESSED_TEXT = '<5';
/** The months the refresh keeps up to date (this one and the 24 before it) and the years they touch. */
export const MONTHS_KEPT = 24;

export type Unit = 'count' | 'share' | 'hours' | 'days' | 'cents';

export interface MetricDef {
	unit: Unit;
	/** The message group it is shown under. */
	group: 'members' | 'participation' | 'help' | 'reports' | 'pot' | 'proposals' | 'rounds';
	/** Whether a parent area's figure is the sum of its children's (then subtraction could reveal a child). */
	sumsOverAreas: boolean;
	/** How a year relates to its months: their sum, its last month (a stock), or neither. */
	months: 'sum' | 'last' | 'none';
	/** The areas it is computed for (complex only where the data knows the complex). */
	levels: readonly AreaKind[];
	/** Per round (the subject is the round), not per area total. */
	perRound?: boolean;
}

const aboveComplex = ['corporation', 'gemeente', 'wijk', 'buurt'] as const;
const everyLevel = areaKinds;
const count = (group: MetricDef['group'], months: MetricDef['months'], levels: readonly AreaKind[] = aboveComplex): MetricDef => ({ unit: 'count', group, sumsOverAreas: true, months, levels });
const ratio = (unit: Unit, group: MetricDef['group'], levels: readonly AreaKind[] = aboveComplex): MetricDef => ({ unit, group, sumsOverAreas: false, months: 'none', levels });

export const metrics = {
	'members.count': count('members', 'last', everyLevel),
	'members.household_share': ratio('share', 'members', everyLevel),
	'help.askers_new': count('participation', 'sum'),
	'help.askers_returning': count('participation', 'none'),
	'help.helpers_new': count('participation', 'sum'),
	'help.helpers_returning': count('participation', 'none'),
	'help.reciprocity': ratio('share', 'participation'),
	'help.asked': count('help', 'sum'),
	'help.published': count('help', 'sum'),
	'help.completed': count('help', 'sum'),
	'help.waiting_longest_days': ratio('days', 'help'),
	'reports.received': count('reports', 'sum', everyLevel),
	'reports.first_response_hours': ratio('hours', 'reports', everyLevel),
	'reports.resolution_hours': ratio('hours', 'reports', everyLevel),
	'reports.within_target_share': ratio('share', 'reports', everyLevel),
	'pot.top_ups_cents': { ...count('pot', 'sum'), unit: 'cents' },
	'pot.rewards_cents': { ...count('pot', 'sum'), unit: 'cents' },
	'pot.payouts_cents': { ...count('pot', 'sum'), unit: 'cents' },
	'proposals.submitted': count('proposals', 'sum'),
	'round.voters': { unit: 'count', group: 'rounds', sumsOverAreas: false, months: 'none', levels: ['buurt'], perRound: true },
	'round.turnout': { unit: 'share', group: 'rounds', sumsOverAreas: false, months: 'none', levels: ['buurt'], perRound: true },
	'round.proposals': { unit: 'count', group: 'rounds', sumsOverAreas: false, months: 'none', levels: ['buurt'], perRound: true }
} as const satisfies Record<string, MetricDef>;

export type MetricKey = keyof typeof metrics;
/** The chart's metric when none is chosen: what Superbuurt is about, requests completed. */
export const DEFAULT_SERIES_METRIC: MetricKey = 'help.completed';
export const metricKeys = Object.keys(metrics) as MetricKey[];
export const metricDef = (key: string): MetricDef | undefined => (metrics as Record<string, MetricDef>)[key];

/** One computed figure before it is stored. */
export interface Cell {
	areaKind: AreaKind;
	areaId: string;
	metric: MetricKey;
	subject?: string;
	subjectLabel?: string | null;
	value: number | null;
	n: number | null;
}

/** A period by its first day (Dutch calendar): month '2026-03-01', year '2026-01-01'. */
export interface Period {
	kind: PeriodKind;
	start: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The first day of the next period (exclusive end). */
export function periodEnd(p: Period): string {
	const [y, m] = p.start.split('-').map(Number);
	if (p.kind === 'year') return `${y + 1}-01-01`;
	return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
}
/** The Dutch calendar date of an instant ("YYYY-MM-DD"), so a month starts at midnight in Amsterdam. */
export function amsterdamDate(at: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
export const monthOf = (date: string): Period => ({ kind: 'month', start: `${date.slice(0, 7)}-01` });
export const yearOf = (date: string): Period => ({ kind: 'year', start: `${date.slice(0, 4)}-01-01` });
/** The months kept (newest first) and the years they fall in, as of `now`. */
export function keptPeriods(now: Date): { months: Period[]; years: Period[] } {
	const [y, m] = amsterdamDate(now).split('-').map(Number);
	const months: Period[] = [];
	for (let i = 0; i <= MONTHS_KEPT; i++) {
		const total = y * 12 + (m - 1) - i;
		months.push({ kind: 'month', start: `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-01` });
	}
	const years = [...new Set(months.map((p) => p.start.slice(0, 4)))].map((yy) => ({ kind: 'year' as const, start: `${yy}-01-01` }));
	return { months, years };
}
/** "2026-03" or "2026" (the period as a URL and an export name it). */
export const periodLabel = (p: Period) => (p.kind === 'year' ? p.start.slice(0, 4) : p.start.slice(0, 7));
export function parsePeriodLabel(label: string): Period | null {
	if (/^\d{4}$/.test(label)) return { kind: 'year', start: `${label}-01-01` };
	if (/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) return { kind: 'month', start: `${label}-01` };
	return null;
}
