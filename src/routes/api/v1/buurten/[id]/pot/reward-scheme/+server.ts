import { apiHandler } from '$lib/server/web/api';
import { getPotOverview, updateRewardScheme } from '$lib/server/buurtpot/funding';
import { jsonInput } from '$lib/server/help/web';

/** The buurt's rewards per category and role, in cents. */
export const GET = apiHandler(async (event, actor) => ({ rewardScheme: (await getPotOverview(event.locals.ctx.db, actor, { buurtId: event.params.id })).scheme }));

/** Staff: `{ category, askerCents, supervisorCents, helperCents }`. */
export const PUT = apiHandler(async (event, actor) => updateRewardScheme(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id }));
