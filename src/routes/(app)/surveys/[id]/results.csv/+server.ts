import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { pageErrorFor } from '$lib/server/web/input';
import { getSurveyResults, resultsCsv } from '$lib/server/voice';

/** The results as CSV (k ≥ 5 applied: "<5" where fewer people are behind a figure), in the reader's language. */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(401, 'auth.unauthenticated');
	const { ctx, locale, t } = event.locals;
	let csv: string;
	try {
		const r = await getSurveyResults(ctx.db, actor, event.params.id, ctx.clock(), locale);
		csv = resultsCsv(r, { agree: (n) => t(`voice.agree.${n}`), suppressed: '<5', header: ['question', 'text', 'kind', 'answer', 'count', 'percent', 'respondents'].map((k) => t(`voice.csv.${k}`)) });
	} catch (err) {
		pageErrorFor(err);
	}
	return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="enquete-${event.params.id}.csv"`, 'cache-control': 'private, no-store' } });
};
