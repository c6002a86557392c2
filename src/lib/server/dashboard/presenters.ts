import type { Area } from './areas';
import { periodLabel } from './model';
import type { DashboardView, Figure } from './queries';

/** JSON shapes for /api/v1/dashboard (never raw rows): a suppressed figure is `"<5"`, never its value. */
export const presentFigure = (f: Figure) => ({ metric: f.metric, value: f.suppressed ? '<5' : f.value, suppressed: f.suppressed, computedAt: f.computedAt?.toISOString() ?? null });
export const presentArea = (a: Area) => ({ kind: a.kind, id: a.id, corporationId: a.corporationId, name: a.name, cbsCode: a.kind === 'complex' ? null : a.code, cbsYear: a.cbsYear, complexCode: a.kind === 'complex' ? a.code : null, parent: a.parentKind ? { kind: a.parentKind, id: a.parentId } : null });
export function presentDashboard(v: DashboardView) {
	return {
		area: presentArea(v.area),
		path: v.area.path,
		period: periodLabel(v.period),
		periods: v.periods.map(periodLabel),
		figures: v.figures.map(presentFigure),
		rounds: v.rounds.map((r) => ({ roundId: r.roundId, title: r.title, voters: presentFigure(r.voters), turnout: presentFigure(r.turnout), proposals: presentFigure(r.proposals) })),
		series: { metric: v.metric, points: v.series.map((p) => ({ period: periodLabel(p.period), ...presentFigure(p.figure) })) },
		children: v.childFigures.map((c) => ({ area: presentArea(c.area), figures: Object.values(c.figures).map((f) => presentFigure(f!)) })),
		entries: v.entries.map(presentArea)
	};
}
