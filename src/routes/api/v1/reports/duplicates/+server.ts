import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { findDuplicates, presentDuplicates } from '$lib/server/reports';

/** Before submitting: `{ categoryId, location }` → nearby open reports of that category (changes nothing). */
export const POST = apiHandler(async (event, actor) => presentDuplicates(await findDuplicates(event.locals.ctx.db, actor, await jsonInput(event), event.locals.ctx.clock())));
