import type { Db, Queryable } from '../db/client';
import { listAreas, rebuildAreas, type Area } from './areas';
import { amsterdamDate, keptPeriods, metricDef, metrics, type Cell, type MetricDef, type MetricKey, type Period } from './model';
import { sources } from './sources';
import { isPrimary, suppress, type Relation } from './suppress';

/**
 * Keeping the read model current. Writers never call this: triggers (migration 0160) append
 * (buurt, month) rows to dashboard_dirty; the job `dashboard.refresh_dirty` recomputes just those
 * buurten — their rows, their complexes' and their parents' (wijk, gemeente, corporation) — for
 * the months touched and their years, and `dashboard.refresh_all` recomputes everything kept each
 * night. A year's figures and the small-number suppression over that year are written in one
 * transaction, so a reader never sees a figure without the complements that protect it.
 */

const key = (kind: string, id: string) => `${kind}:${id}`;
const additive = (Object.entries(metrics) as [MetricKey, MetricDef][]).filter(([, d]) => d.sumsOverAreas || d.months !== 'none').map(([k]) => k);

/** Every source for one period, with zeros for counts an area has none of (so sums add up and relations are complete). */
async function computePeriod(q: Queryable, corporationId: string, period: Period, now: Date, areas: Area[]): Promise<Cell[]> {
	const cells: Cell[] = [];
	for (const source of sources) cells.push(...(await source(q, { corporationId, period, asOf: now })));
	const have = new Set(cells.map((c) => `${c.metric}|${key(c.areaKind, c.areaId)}`));
	for (const [metric, def] of Object.entries(metrics) as [MetricKey, MetricDef][]) {
		if (!def.sumsOverAreas || def.perRound) continue;
		for (const a of areas) if ((def.levels as readonly string[]).includes(a.kind) && !have.has(`${metric}|${key(a.kind, a.id)}`)) cells.push({ areaKind: a.kind, areaId: a.id, metric, value: 0, n: 0 });
	}
	return cells;
}

async function writePeriod(tx: Queryable, corporationId: string, period: Period, cells: Cell[], targets: Set<string> | null, computedAt: Date) {
	const mine = targets ? cells.filter((c) => targets.has(key(c.areaKind, c.areaId))) : cells;
	const targetList = targets ? [...targets] : null;
	await tx.query(
		`DELETE FROM dashboard_figures WHERE corporation_id = $1 AND period_kind = $2 AND period_start = $3 AND ($4::text[] IS NULL OR area_kind || ':' || area_id = ANY($4::text[]))`,
		[corporationId, period.kind, period.start, targetList]
	);
	if (!mine.length) return;
	await tx.query(
		`INSERT INTO dashboard_figures (corporation_id, area_kind, area_id, period_kind, period_start, metric, subject, subject_label, value, n, suppressed, computed_at)
		 SELECT $1, k, i, $2, $3, m, s, l, v, n, p, $4 FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::float8[], $11::int[], $12::bool[]) AS u(k, i, m, s, l, v, n, p)`,
		[
			corporationId, period.kind, period.start, computedAt,
			mine.map((c) => c.areaKind), mine.map((c) => c.areaId), mine.map((c) => c.metric), mine.map((c) => c.subject ?? ''), mine.map((c) => c.subjectLabel ?? null),
			mine.map((c) => (c.value === null || !Number.isFinite(c.value) ? null : c.value)), mine.map((c) => c.n), mine.map((c) => isPrimary(c))
		]
	);
}

/** The relations of one metric over a corporation's tree and one year's periods (see suppress.ts). */
export function relationsOf(def: MetricDef, areas: Area[], months: string[], year: string): Relation[] {
	const cell = (a: { kind: string; id: string }, kind: string, start: string) => `${a.kind}:${a.id}|${kind}:${start}`;
	const levels = def.levels as readonly string[];
	const inLevels = areas.filter((a) => levels.includes(a.kind));
	const out: Relation[] = [];
	if (def.sumsOverAreas) {
		const children = new Map<string, Area[]>();
		for (const a of inLevels) if (a.parentKind && a.parentId) children.set(key(a.parentKind, a.parentId), [...(children.get(key(a.parentKind, a.parentId)) ?? []), a]);
		for (const parent of inLevels) {
			const kids = children.get(key(parent.kind, parent.id));
			if (!kids?.length) continue;
			for (const [kind, start] of [...months.map((m) => ['month', m]), ['year', year]]) out.push({ total: cell(parent, kind, start), parts: kids.map((k) => cell(k, kind, start)) });
		}
	}
	if (def.months !== 'none' && months.length) {
		const last = [...months].sort().at(-1)!;
		for (const a of inLevels) out.push({ total: cell(a, 'year', year), parts: def.months === 'sum' ? months.map((m) => cell(a, 'month', m)) : [cell(a, 'month', last)] });
	}
	return out;
}

/** Primary and complementary suppression over one year of one corporation; updates the flags that change. */
export async function applySuppression(tx: Queryable, corporationId: string, year: string, areas: Area[]): Promise<void> {
	const rows = await tx.query<{ area_kind: string; area_id: string; period_kind: string; period_start: string; metric: MetricKey; value: number | null; n: number | null; suppressed: boolean }>(
		`SELECT area_kind, area_id, period_kind, to_char(period_start, 'YYYY-MM-DD') AS period_start, metric, value, n, suppressed FROM dashboard_figures
		 WHERE corporation_id = $1 AND subject = '' AND metric = ANY($2::text[]) AND period_start >= $3::date AND period_start < ($3::date + interval '1 year')`,
		[corporationId, additive, `${year}-01-01`]
	);
	const byMetric = new Map<MetricKey, typeof rows>();
	for (const r of rows) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r]);
	const changes: { r: (typeof rows)[number]; s: boolean }[] = [];
	for (const [metric, list] of byMetric) {
		const months = [...new Set(list.filter((r) => r.period_kind === 'month').map((r) => r.period_start))];
		const hidden = suppress(
			list.map((r) => ({ key: `${r.area_kind}:${r.area_id}|${r.period_kind}:${r.period_start}`, value: r.value, n: r.n })),
			relationsOf(metricDef(metric)!, areas, months, `${year}-01-01`)
		);
		for (const r of list) {
			const s = hidden.has(`${r.area_kind}:${r.area_id}|${r.period_kind}:${r.period_start}`);
			if (s !== r.suppressed) changes.push({ r, s });
		}
	}
	if (!changes.length) return;
	await tx.query(
		`UPDATE dashboard_figures f SET suppressed = u.s FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::bool[]) AS u(k, i, pk, ps, m, s)
		 WHERE f.corporation_id = $1 AND f.area_kind = u.k AND f.area_id = u.i AND f.period_kind = u.pk AND f.period_start = u.ps AND f.metric = u.m AND f.subject = ''`,
		[corporationId, changes.map((c) => c.r.area_kind), changes.map((c) => c.r.area_id), changes.map((c) => c.r.period_kind), changes.map((c) => c.r.period_start), changes.map((c) => c.r.metric), changes.map((c) => c.s)]
	);
}

/**
 * Recomputes the given periods of one corporation — all its areas, or only `targets`
 * ("kind:id") — and the suppression of each year touched. The sources read the whole
 * corporation's period (a parent's figure needs all its buurten), but only the targets' rows are
 * written: other buurten keep their rows and their computed_at.
 */
export async function refreshPeriods(db: Db, corporationId: string, periods: Period[], now: Date, targets: Set<string> | null): Promise<number> {
	const today = amsterdamDate(now);
	const due = periods.filter((p) => p.start <= today);
	const byYear = new Map<string, Period[]>();
	for (const p of due) byYear.set(p.start.slice(0, 4), [...(byYear.get(p.start.slice(0, 4)) ?? []), p]);
	let written = 0;
	for (const [year, list] of [...byYear].sort()) {
		await db.transaction(async (tx) => {
			await rebuildAreas(tx, corporationId);
			const areas = await listAreas(tx, corporationId);
			for (const period of list) {
				const cells = await computePeriod(tx, corporationId, period, now, areas);
				await writePeriod(tx, corporationId, period, cells, targets, now);
				written += targets ? cells.filter((c) => targets.has(key(c.areaKind, c.areaId))).length : cells.length;
			}
			await applySuppression(tx, corporationId, year, areas);
		});
	}
	return written;
}

/** The areas one changed buurt's figures feed: itself, its complexes, its wijk, its gemeente, its corporation. */
export function areasFedBy(buurtId: string, areas: Area[]): string[] {
	const b = areas.find((a) => a.kind === 'buurt' && a.id === buurtId);
	if (!b) return [];
	return [key('buurt', b.id), ...areas.filter((a) => a.kind === 'complex' && a.buurtId === b.id).map((a) => key('complex', a.id)), key('wijk', b.wijkCode!), key('gemeente', b.gemeenteCode!), key('corporation', b.corporationId)];
}

/**
 * The incremental refresh (job `dashboard.refresh_dirty`, every minute): the buurten marked
 * dirty, each for the months a change touched (and those months' years), their rows and their
 * parents' — not a full rebuild. Deletes exactly the marks it read. Returns how many buurten.
 */
export async function refreshDirtyBuurten(db: Db, clock: () => Date, limit = 500): Promise<number> {
	const now = clock();
	const marks = await db.query<{ buurt_id: string; month: string; max_id: string; corporation_id: string }>(
		`SELECT d.buurt_id, to_char(d.month, 'YYYY-MM-DD') AS month, max(d.id)::text AS max_id, b.corporation_id FROM dashboard_dirty d JOIN buurten b ON b.id = d.buurt_id
		 GROUP BY d.buurt_id, d.month, b.corporation_id ORDER BY min(d.id) LIMIT $1`,
		[limit]
	);
	if (!marks.length) return 0;
	const kept = new Set(keptPeriods(now).months.map((p) => p.start));
	const byCorporation = new Map<string, typeof marks>();
	for (const m of marks) byCorporation.set(m.corporation_id, [...(byCorporation.get(m.corporation_id) ?? []), m]);
	for (const [corporationId, list] of byCorporation) {
		await db.transaction((tx) => rebuildAreas(tx, corporationId));
		const areas = await listAreas(db, corporationId);
		const targets = new Set(list.flatMap((m) => areasFedBy(m.buurt_id, areas)));
		const months = [...new Set(list.map((m) => m.month))].filter((m) => kept.has(m));
		const periods: Period[] = [...months.map((m) => ({ kind: 'month' as const, start: m })), ...[...new Set(months.map((m) => m.slice(0, 4)))].map((y) => ({ kind: 'year' as const, start: `${y}-01-01` }))];
		if (periods.length) await refreshPeriods(db, corporationId, periods, now, targets);
	}
	await db.query(
		`DELETE FROM dashboard_dirty d USING unnest($1::uuid[], $2::date[], $3::bigint[]) AS u(b, m, x) WHERE d.buurt_id = u.b AND d.month = u.m AND d.id <= u.x`,
		[marks.map((m) => m.buurt_id), marks.map((m) => m.month), marks.map((m) => m.max_id)]
	);
	return new Set(marks.map((m) => m.buurt_id)).size;
}

/**
 * Recomputes every kept period (this month, the 24 before it, and their years) of every
 * corporation — or of the ones named — from scratch. The nightly job runs it; the demo seed and
 * the large seed (`npm run seed -- --scale large`) call it once their data is in. Marks made
 * before it started are cleared (they are included); marks made meanwhile stay for the next run.
 */
export async function refreshAllDashboards(db: Db, clock: () => Date, opts: { corporationIds?: string[] } = {}): Promise<{ corporations: number; figures: number }> {
	const now = clock();
	const [{ max_id }] = await db.query<{ max_id: string | null }>('SELECT max(id)::text AS max_id FROM dashboard_dirty');
	const corporations = opts.corporationIds ?? (await db.query<{ id: string }>('SELECT id FROM corporations ORDER BY id')).map((c) => c.id);
	const { months, years } = keptPeriods(now);
	let figures = 0;
	for (const corporationId of corporations) figures += await refreshPeriods(db, corporationId, [...months, ...years], now, null);
	if (max_id !== null)
		await db.query('DELETE FROM dashboard_dirty d USING buurten b WHERE b.id = d.buurt_id AND b.corporation_id = ANY($1::uuid[]) AND d.id <= $2::bigint', [corporations, max_id]);
	return { corporations: corporations.length, figures };
}

/** This month and this year of every corporation (job `dashboard.refresh_current`, hourly): stocks and "waiting longest" move with time alone. */
export async function refreshCurrentPeriods(db: Db, clock: () => Date): Promise<number> {
	const now = clock();
	const today = amsterdamDate(now);
	const periods: Period[] = [{ kind: 'month', start: `${today.slice(0, 7)}-01` }, { kind: 'year', start: `${today.slice(0, 4)}-01-01` }];
	let figures = 0;
	for (const { id } of await db.query<{ id: string }>('SELECT id FROM corporations ORDER BY id')) figures += await refreshPeriods(db, id, periods, now, null);
	return figures;
}

