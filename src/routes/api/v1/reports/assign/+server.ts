import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { assignReports } from '$lib/server/reports';

/** Staff: `{ reportIds, party }` — all or nothing. */
export const POST = apiHandler(async (event, actor) => assignReports(event.locals.ctx, actor, await jsonInput(event)));
