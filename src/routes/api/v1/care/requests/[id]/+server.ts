import { careApiHandler } from '$lib/server/web/care-api';
import { getCareRequest, presentCareDetail } from '$lib/server/care';

/** One care request as the caller may see it (the read is audited). */
export const GET = careApiHandler(async (event, actor) => presentCareDetail(await getCareRequest(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())));
