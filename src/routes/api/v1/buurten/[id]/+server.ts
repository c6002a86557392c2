import { apiHandler } from '$lib/server/web/api';
import { presentBuurt } from '$lib/server/api/presenters';
import { getBuurt } from '$lib/server/places';

export const GET = apiHandler(async (event, actor) => presentBuurt(await getBuurt(event.locals.ctx.db, actor, event.params.id!)));
