import { apiHandler } from '$lib/server/web/api';
import { getRound, presentRound } from '$lib/server/rounds';

/** One round as the actor may see it. */
export const GET = apiHandler(async (event, actor) => presentRound(await getRound(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())));
