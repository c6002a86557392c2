import { apiHandler } from '$lib/server/web/api';
import { getRequestDetail, presentRequestDetail } from '$lib/server/help';

/** One request as the actor may see it, with the actions they can take now. */
export const GET = apiHandler(async (event, actor) =>
	presentRequestDetail(await getRequestDetail(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock()))
);
