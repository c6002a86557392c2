import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { getSurveyResults, getSurveyTrend } from '$lib/server/voice';

/** A survey's results: per question a chart drawn on the server with its table, k ≥ 5 everywhere; the trend over earlier rounds. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx, locale } = event.locals;
	const now = ctx.clock();
	const results = await getSurveyResults(ctx.db, actor, event.params.id, now, locale);
	return { results, trend: await getSurveyTrend(ctx.db, actor, event.params.id, now, locale) };
});
