import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { geoLevels, getDashboard, metricDef, periodLabel, type Figure } from '$lib/server/dashboard';

// The neighbourhood dashboard: one area's precomputed figures for a period, a chart drawn on the
// server (SVG) with its data table, the areas below it, and the exports. Only rows of the read
// model are read (four statements); who sees which area is the dashboard module's policy.
const plain = (f: Figure) => ({ metric: f.metric, value: f.value, suppressed: f.suppressed, computedAt: f.computedAt?.toISOString() ?? null, unit: metricDef(f.metric)!.unit, group: metricDef(f.metric)!.group });

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const v = await getDashboard(ctx.db, actor, Object.fromEntries(event.url.searchParams), ctx.clock());
	const areaParam = `${v.area.kind}:${v.area.id}`;
	const exportLevel = v.children[0]?.kind ?? v.area.kind;
	return {
		area: { kind: v.area.kind, id: v.area.id, name: v.area.name, code: v.area.code, cbsYear: v.area.cbsYear, param: areaParam, path: v.area.path },
		entries: v.entries.filter((e) => e.kind !== v.area.kind || e.id !== v.area.id).map((e) => ({ kind: e.kind, name: e.name, param: `${e.kind}:${e.id}` })),
		period: periodLabel(v.period),
		periodKind: v.period.kind,
		periods: v.periods.map(periodLabel),
		metric: v.metric,
		metrics: v.figures.map((f) => f.metric),
		figures: v.figures.map(plain),
		rounds: v.rounds.map((r) => ({ title: r.title, voters: plain(r.voters), turnout: plain(r.turnout), proposals: plain(r.proposals) })),
		series: v.series.map((s) => ({ period: periodLabel(s.period), figure: plain(s.figure) })),
		children: v.childFigures.map((c) => ({ name: c.area.name, code: c.area.code, kind: c.area.kind, param: `${c.area.kind}:${c.area.id}`, figures: Object.fromEntries(Object.entries(c.figures).map(([k, f]) => [k, plain(f!)])) })),
		exports: {
			level: exportLevel,
			query: `level=${exportLevel}&period=${periodLabel(v.period)}`,
			geo: (geoLevels as readonly string[]).includes(exportLevel)
		}
	};
});
