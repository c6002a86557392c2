import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { saveTeam } from '$lib/server/reports';

/** Staff: `{ corporationId, teamId?, name, memberIds }`. */
export const POST = apiHandler(async (event, actor) => saveTeam(event.locals.ctx, actor, await jsonInput(event)));
