import { apiHandler } from '$lib/server/web/api';
import { getAdviceRequest, presentAdvice } from '$lib/server/voice';

/** One advice request, for staff of its corporation and the board of the association it was sent to. */
export const GET = apiHandler(async (event, actor) => presentAdvice(await getAdviceRequest(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())));
