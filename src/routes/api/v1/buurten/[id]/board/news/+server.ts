import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { createNews } from '$lib/server/board';

/** Staff of the corporation post news. */
export const POST = apiHandler(async (event, actor) => createNews(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id }), { status: 201 });
