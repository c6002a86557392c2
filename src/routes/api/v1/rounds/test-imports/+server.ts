import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { importPabulibTestRound } from '$lib/server/rounds';

/** Staff: `{ buurtId, rule, utility?, fill?, text, fileName? }` → a closed TEST round. */
export const POST = apiHandler(async (event, actor) => importPabulibTestRound(event.locals.ctx, actor, await jsonInput(event)), { status: 201 });
