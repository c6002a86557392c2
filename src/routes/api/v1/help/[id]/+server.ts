import { apiHandler } from '$lib/server/web/api';
import { getRequestDetail } from '$lib/server/help/queries';
import { presentRequestDetail } from '$lib/server/help/presenters';

/** One request as the actor may see it, with the actions they can take now. */
export const GET = apiHandler(async (event, actor) =>
	presentRequestDetail(await getRequestDetail(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock()))
);
