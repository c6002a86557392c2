import { apiHandler } from '$lib/server/web/api';
import { explainResults, getRoundResults } from '$lib/server/buurtpot/results';
import { presentResults } from '$lib/server/buurtpot/round-presenters';

/** The published results, explained in the actor's language; 404 before the close. */
export const GET = apiHandler(async (event, actor) => {
	const results = await getRoundResults(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock());
	return presentResults(results, explainResults(results, event.locals.t, event.locals.locale));
});
