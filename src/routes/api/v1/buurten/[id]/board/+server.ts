import { apiHandler } from '$lib/server/web/api';
import { getFeed, presentFeed } from '$lib/server/board';

/** The buurt's board, newest first, 20 a page: ?before=<nextBefore of the previous page>. */
export const GET = apiHandler(async (event, actor) =>
	presentFeed(await getFeed(event.locals.ctx.db, actor, { buurtId: event.params.id, before: event.url.searchParams.get('before') || undefined }, event.locals.ctx.clock()))
);
