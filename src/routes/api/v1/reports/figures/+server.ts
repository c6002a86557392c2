import { apiHandler } from '$lib/server/web/api';
import { getBuurtPerformance, presentPerformance } from '$lib/server/reports';

/** ?buurtId=…&days=365: the corporation's performance in the buurt (figures under 5 reports suppressed). */
export const GET = apiHandler(async (event, actor) =>
	presentPerformance(await getBuurtPerformance(event.locals.ctx.db, actor, Object.fromEntries(event.url.searchParams), event.locals.ctx.clock()))
);
