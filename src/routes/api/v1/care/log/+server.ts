import { careApiHandler } from '$lib/server/web/care-api';
import { listCareReadLog, presentCareLog } from '$lib/server/care';

/** The coordinator's log of their organisation's care requests. */
export const GET = careApiHandler(async (event, actor) =>
	presentCareLog(await listCareReadLog(event.locals.ctx.db, actor, { requestId: event.url.searchParams.get('requestId') || undefined }, event.locals.ctx.clock()))
);
