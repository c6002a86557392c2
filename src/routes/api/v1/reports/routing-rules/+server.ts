import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { listRoutingRules, saveRoutingRules, staffCorporationIdsOf } from '$lib/server/reports';

/** Staff: ?corporationId=… (default: their own). */
export const GET = apiHandler(async (event, actor) => ({
	rules: await listRoutingRules(event.locals.ctx.db, actor, event.url.searchParams.get('corporationId') ?? staffCorporationIdsOf(actor)[0] ?? '')
}));

/** Staff: `{ corporationId, rules: [{ categoryId?, buurtId?, complexId?, party }] }` replaces the list. */
export const PUT = apiHandler(async (event, actor) => saveRoutingRules(event.locals.ctx, actor, await jsonInput(event)));
