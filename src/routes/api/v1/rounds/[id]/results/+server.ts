import { apiHandler } from '$lib/server/web/api';
import { explainResults, getRoundResults, presentResults } from '$lib/server/rounds';

/** The published results, explained in the actor's language; 404 before the close. */
export const GET = apiHandler(async (event, actor) => {
	const results = await getRoundResults(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock());
	return presentResults(results, explainResults(results, event.locals.t, event.locals.locale));
});
