import { apiHandler } from '$lib/server/web/api';
import { getSurveyResults, getSurveyTrend, presentSurveyResults } from '$lib/server/voice';

/** A survey's results with k ≥ 5 applied (null = fewer than 5 people), and the trend over earlier rounds. */
export const GET = apiHandler(async (event, actor) => {
	const { db, clock } = event.locals.ctx;
	const now = clock();
	const results = await getSurveyResults(db, actor, event.params.id ?? '', now, event.locals.locale);
	return presentSurveyResults(results, await getSurveyTrend(db, actor, event.params.id ?? '', now, event.locals.locale));
});
