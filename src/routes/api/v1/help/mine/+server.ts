import { apiHandler } from '$lib/server/web/api';
import { listMyRequests, presentRequestSummary } from '$lib/server/help';

/** What the actor asked (also on behalf of others) and what they help with. */
export const GET = apiHandler(async (event, actor) => {
	const mine = await listMyRequests(event.locals.ctx.db, actor, event.locals.ctx.clock());
	return { asked: mine.asked.map(presentRequestSummary), helping: mine.helping.map(presentRequestSummary) };
});
