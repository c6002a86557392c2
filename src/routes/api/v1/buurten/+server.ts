import { apiHandler } from '$lib/server/web/api';
import { presentBuurt } from '$lib/server/api/presenters';
import { listVisibleBuurten } from '$lib/server/places';

export const GET = apiHandler(async (event, actor) => ({
	buurten: (await listVisibleBuurten(event.locals.ctx.db, actor)).map(presentBuurt)
}));
