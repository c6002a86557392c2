import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { areaColumns, areaOf, type Area, type AreaRow } from './areas';
import { DEFAULT_SERIES_METRIC, amsterdamDate, areaKinds, keptPeriods, metricDef, metricKeys, parsePeriodLabel, periodLabel, type AreaKind, type MetricKey, type Period } from './model';
import { canSeeArea, entryBuurtIds, municipalBuurtIds } from './policy';

/**
 * The dashboard's reads for pages, exports and the API: indexed reads of precomputed rows only
 * (dashboard_areas, dashboard_figures), never the big tables, and a fixed number of statements
 * whatever the data size (four for a page). A suppressed figure leaves here without its value.
 */

/** One figure as everyone outside the refresh sees it: a suppressed one has no value. */
export interface Figure {
	metric: MetricKey;
	value: number | null;
	suppressed: boolean;
	computedAt: Date | null;
}
export interface RoundFigures {
	roundId: string;
	title: string;
	voters: Figure;
	turnout: Figure;
	proposals: Figure;
}
export interface DashboardView {
	entries: Area[];
	area: Area;
	children: Area[];
	period: Period;
	periods: Period[];
	figures: Figure[];
	rounds: RoundFigures[];
	metric: MetricKey;
	series: { period: Period; figure: Figure }[];
	childFigures: { area: Area; figures: Partial<Record<MetricKey, Figure>> }[];
}

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
/** "buurt:<uuid>", "wijk:WK999901", "gemeente:GM9999", "corporation:<uuid>", "complex:<uuid>". */
const areaParam = z.preprocess(blank, z.string().regex(/^(corporation|gemeente|wijk|buurt|complex):[A-Za-z0-9-]{1,40}$/, 'dashboard.not_found').optional());
const periodParam = z.preprocess(blank, z.string().refine((v) => parsePeriodLabel(v) !== null, 'dashboard.invalid_period').optional());
const seriesMetrics = metricKeys.filter((k) => !metricDef(k)!.perRound);
export const dashboardSchema = z.object({
	area: areaParam,
	corporation: z.preprocess(blank, z.uuid('dashboard.not_found').optional()),
	period: periodParam,
	metric: z.preprocess(blank, z.enum(seriesMetrics as [MetricKey, ...MetricKey[]], 'dashboard.invalid_metric').optional())
});

const kindOrder = `array_position(ARRAY['corporation','gemeente','wijk','buurt','complex'], area_kind)`;

/** The areas an actor may start from (first statement of every read), and the municipality's gemeenten. */
async function entriesOf(q: Queryable, actor: Actor): Promise<{ entries: Area[]; municipal: Set<string>; corporations: string[] }> {
	const staffCorporations = [...new Set(actor.staff.map((s) => s.corporationId))];
	const rows = await q.query<AreaRow & { municipal: boolean }>(
		`SELECT ${areaColumns}, area_kind = 'buurt' AND area_id = ANY($3::text[]) AS municipal FROM dashboard_areas
		 WHERE (area_kind = 'corporation' AND corporation_id = ANY($1::uuid[])) OR (area_kind = 'buurt' AND area_id = ANY($2::text[]))
			OR (area_kind = 'gemeente' AND (corporation_id, area_id) IN (SELECT corporation_id, gemeente_code FROM dashboard_areas WHERE area_kind = 'buurt' AND area_id = ANY($3::text[])))
		 ORDER BY ${kindOrder}, name, area_id`,
		[staffCorporations, entryBuurtIds(actor), municipalBuurtIds(actor)]
	);
	const municipal = new Set(rows.filter((r) => r.municipal).map((r) => `${r.corporation_id}:${r.gemeente_code}`));
	const all = rows.map(areaOf).filter((a) => canSeeArea(actor, a, municipal));
	// A buurt inside an area already listed (a gemeente of the municipality, the staff's corporation) is reached from there.
	const entries = all.filter((a) => !(a.kind === 'buurt' && all.some((b) => b !== a && b.corporationId === a.corporationId && (b.kind === 'corporation' || (b.kind === 'gemeente' && b.id === a.gemeenteCode)))));
	return { entries, municipal, corporations: [...new Set(all.map((a) => a.corporationId))] };
}

interface FigureRow {
	area_id: string;
	metric: MetricKey;
	subject: string;
	subject_label: string | null;
	period_kind: 'month' | 'year';
	period_start: string;
	value: number | null;
	suppressed: boolean;
	computed_at: Date;
}
const figureOf = (r: FigureRow): Figure => ({ metric: r.metric, value: r.suppressed ? null : r.value, suppressed: r.suppressed, computedAt: r.computed_at });
const missing = (metric: MetricKey): Figure => ({ metric, value: null, suppressed: false, computedAt: null });
const figureColumns = `area_id, metric, subject, subject_label, period_kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, value, suppressed, computed_at`;

/** The periods one can choose: the months kept, newest first, then the years. */
export function choosablePeriods(now: Date): Period[] {
	const { months, years } = keptPeriods(now);
	return [...months, ...[...years].reverse()];
}

/**
 * The dashboard of one area for one period (default: the first area the actor may start from,
 * this month): its figures, its rounds, a series of one metric (the 12 months up to the period, or
 * the years kept), and its children's main figures. Errors: dashboard.not_found (no such area, or
 * not the actor's to see — one answer for both), dashboard.invalid_period, dashboard.invalid_metric.
 */
export async function getDashboard(q: Queryable, actor: Actor, input: unknown, now: Date): Promise<DashboardView> {
	const v = parseInput(dashboardSchema, input);
	const { entries, municipal, corporations } = await entriesOf(q, actor);
	const first = entries[0];
	if (!first && !v.area) throw new DomainError('dashboard.not_found');
	const [kind, id] = v.area ? (v.area.split(':') as [AreaKind, string]) : [first.kind, first.id];
	const inCorporations = v.corporation ? [v.corporation] : corporations;
	const rows = (
		await q.query<AreaRow>(
			`SELECT ${areaColumns} FROM dashboard_areas WHERE corporation_id = ANY($1::uuid[]) AND ((area_kind = $2 AND area_id = $3) OR (parent_kind = $2 AND parent_id = $3))
			 ORDER BY corporation_id, ${kindOrder}, name, area_id`,
			[inCorporations, kind, id]
		)
	).map(areaOf);
	const area = rows.find((a) => a.kind === kind && a.id === id && canSeeArea(actor, a, municipal));
	if (!area) throw new DomainError('dashboard.not_found');
	const children = rows.filter((a) => a.corporationId === area.corporationId && a.parentKind === kind && a.parentId === id && canSeeArea(actor, a, municipal));

	const periods = choosablePeriods(now);
	const period = v.period ? parsePeriodLabel(v.period)! : periods[0];
	if (!periods.some((p) => p.kind === period.kind && p.start === period.start)) throw new DomainError('dashboard.invalid_period');
	// Newest first: the 12 months (or the years kept) up to the chosen period.
	const sameKind = periods.filter((p) => p.kind === period.kind && p.start <= period.start).sort((a, b) => b.start.localeCompare(a.start)).slice(0, period.kind === 'month' ? 12 : 3);
	const oldest = sameKind.at(-1)!.start;

	const figureRows = await q.query<FigureRow>(
		`SELECT ${figureColumns} FROM dashboard_figures WHERE corporation_id = $1 AND area_kind = $2 AND area_id = $3 AND period_kind = $4 AND period_start BETWEEN $5::date AND $6::date`,
		[area.corporationId, area.kind, area.id, period.kind, oldest, period.start]
	);
	const childRows = children.length
		? await q.query<FigureRow>(
				`SELECT ${figureColumns} FROM dashboard_figures WHERE corporation_id = $1 AND area_kind = $2 AND area_id = ANY($3::text[]) AND period_kind = $4 AND period_start = $5::date AND subject = ''`,
				[area.corporationId, children[0].kind, children.map((c) => c.id), period.kind, period.start]
			)
		: [];

	const current = figureRows.filter((r) => r.period_start === period.start);
	const levelMetrics = seriesMetrics.filter((m) => (metricDef(m)!.levels as readonly string[]).includes(area.kind));
	const figures = levelMetrics.map((m) => {
		const r = current.find((x) => x.metric === m && x.subject === '');
		return r ? figureOf(r) : missing(m);
	});
	const roundIds = [...new Set(current.filter((r) => r.subject !== '').map((r) => r.subject))];
	const rounds = roundIds.map((roundId): RoundFigures => {
		const of = (m: MetricKey) => {
			const r = current.find((x) => x.subject === roundId && x.metric === m);
			return r ? figureOf(r) : missing(m);
		};
		return { roundId, title: current.find((x) => x.subject === roundId)?.subject_label ?? '', voters: of('round.voters'), turnout: of('round.turnout'), proposals: of('round.proposals') };
	});
	const metric = v.metric && levelMetrics.includes(v.metric) ? v.metric : levelMetrics.includes(DEFAULT_SERIES_METRIC) ? DEFAULT_SERIES_METRIC : levelMetrics[0];
	const series = [...sameKind].reverse().map((p) => {
		const r = figureRows.find((x) => x.period_start === p.start && x.metric === metric && x.subject === '');
		return { period: p, figure: r ? figureOf(r) : missing(metric) };
	});
	const childFigures = children.map((c) => ({
		area: c,
		figures: Object.fromEntries(childRows.filter((r) => r.area_id === c.id).map((r) => [r.metric, figureOf(r)])) as Partial<Record<MetricKey, Figure>>
	}));
	return { entries, area, children, period, periods, figures, rounds, metric, series, childFigures };
}

export const exportSchema = z.object({
	level: z.preprocess((x) => blank(x) ?? 'buurt', z.enum(areaKinds, 'dashboard.invalid_level')),
	period: periodParam
});
export interface ExportRow {
	area: Area;
	figures: Partial<Record<MetricKey, Figure>>;
}

/**
 * Every area of one level the actor may see, with its figures for one period (default this
 * month), for the CSV and GeoJSON exports. Three statements. Errors: dashboard.invalid_level,
 * dashboard.invalid_period, dashboard.not_found (the actor has no dashboard).
 */
export async function exportFigures(q: Queryable, actor: Actor, input: unknown, now: Date): Promise<{ level: AreaKind; period: Period; rows: ExportRow[] }> {
	const v = parseInput(exportSchema, input);
	const periods = choosablePeriods(now);
	const period = v.period ? parsePeriodLabel(v.period)! : periods[0];
	if (!periods.some((p) => p.kind === period.kind && p.start === period.start)) throw new DomainError('dashboard.invalid_period');
	const { municipal, corporations } = await entriesOf(q, actor);
	if (!corporations.length) throw new DomainError('dashboard.not_found');
	const areas = (await q.query<AreaRow>(`SELECT ${areaColumns} FROM dashboard_areas WHERE corporation_id = ANY($1::uuid[]) AND area_kind = $2 ORDER BY code, name, area_id`, [corporations, v.level]))
		.map(areaOf)
		.filter((a) => canSeeArea(actor, a, municipal));
	const figures = await q.query<FigureRow & { corporation_id: string }>(
		`SELECT corporation_id, ${figureColumns} FROM dashboard_figures WHERE corporation_id = ANY($1::uuid[]) AND area_kind = $2 AND period_kind = $3 AND period_start = $4::date AND subject = ''`,
		[corporations, v.level, period.kind, period.start]
	);
	const byArea = new Map<string, FigureRow[]>();
	for (const f of figures) byArea.set(`${f.corporation_id}:${f.area_id}`, [...(byArea.get(`${f.corporation_id}:${f.area_id}`) ?? []), f]);
	return {
		level: v.level,
		period,
		rows: areas.map((a) => ({ area: a, figures: Object.fromEntries((byArea.get(`${a.corporationId}:${a.id}`) ?? []).map((f) => [f.metric, figureOf(f)])) }))
	};
}

/** The metrics an export has columns for at a level (per-round figures are on the page and in the API only). */
export const exportMetrics = (level: AreaKind) => seriesMetrics.filter((m) => (metricDef(m)!.levels as readonly string[]).includes(level));
export { periodLabel, amsterdamDate };
