import { apiHandler } from '$lib/server/web/api';
import { listAdviceRequests, presentAdviceSummary } from '$lib/server/voice';

/** The advice requests the actor sees (staff: their corporation's; a board member: their association's). */
export const GET = apiHandler(async (event, actor) => ({ requests: (await listAdviceRequests(event.locals.ctx.db, actor, event.locals.ctx.clock())).map(presentAdviceSummary) }));
