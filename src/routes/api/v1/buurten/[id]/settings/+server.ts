import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { getBuurtSettings, updateBuurtSettings } from '$lib/server/proposals';

/** The buurt's settings as the actor may see them (staff: all; members and partners: what their pages show). */
export const GET = apiHandler(async (event, actor) => getBuurtSettings(event.locals.ctx.db, actor, event.params.id!));

/** Staff: `{ buurtpot?, rewardScheme?, help? }`, any fields of each; all or nothing. */
export const PATCH = apiHandler(async (event, actor) => updateBuurtSettings(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id }));
