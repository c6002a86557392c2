import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { mapOnPage } from '$lib/server/web/map';
import { getBuurt } from '$lib/server/places';
import { getBuurtPerformance, listBuurtReports } from '$lib/server/reports';
import { reportLine } from '../../../reports/ui/report-line.server';

// The buurt's public meldingen (never a private one) as a list that always works, a map of them
// that loads only when asked, and the corporation's own figures for this buurt. Members of the
// buurt and the corporation's staff; anyone else a 404 (the reports module decides, first).
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const views = await listBuurtReports(ctx.db, actor, { buurtId: event.params.id, page: event.url.searchParams.get('page') ?? undefined }, now);
	const figures = await getBuurtPerformance(ctx.db, actor, { buurtId: event.params.id }, now);
	const buurt = await getBuurt(ctx.db, actor, event.params.id);
	return { buurtId: buurt.id, buurtName: buurt.name, reports: views.map(reportLine), figures: { ...figures, since: figures.since.toISOString() }, map: mapOnPage(event) };
});
