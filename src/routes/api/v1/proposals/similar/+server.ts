import { apiHandler } from '$lib/server/web/api';
import { findSimilarProposals } from '$lib/server/proposals';

/** Live proposals of the buurt like this one: ?buurtId=…&title=…&description=… */
export const GET = apiHandler(async (event, actor) => {
	const q = event.url.searchParams;
	const input = { buurtId: q.get('buurtId') ?? '', title: q.get('title') ?? '', description: q.get('description') ?? '' };
	return { similar: await findSimilarProposals(event.locals.ctx.db, actor, input, event.locals.ctx.clock()) };
});
