import { apiHandler } from '$lib/server/web/api';
import { getDashboard, presentDashboard } from '$lib/server/dashboard';

/** ?area=buurt:<id>&period=2026-03&metric=help.completed: one area's precomputed figures ("<5" where suppressed). */
export const GET = apiHandler(async (event, actor) => presentDashboard(await getDashboard(event.locals.ctx.db, actor, Object.fromEntries(event.url.searchParams), event.locals.ctx.clock())));
