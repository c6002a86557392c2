import { apiHandler } from '$lib/server/web/api';
import { getPotOverview } from '$lib/server/pot';
import { updateRewardScheme } from '$lib/server/help';
import { jsonInput } from '$lib/server/web/input';

/** The buurt's rewards per category and role, in cents. */
export const GET = apiHandler(async (event, actor) => ({ rewardScheme: (await getPotOverview(event.locals.ctx.db, actor, { buurtId: event.params.id })).scheme }));

/** Staff: `{ category, askerCents, supervisorCents, helperCents }`. */
export const PUT = apiHandler(async (event, actor) => updateRewardScheme(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id }));
