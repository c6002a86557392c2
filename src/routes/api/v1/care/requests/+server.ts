import { careApiHandler } from '$lib/server/web/care-api';
import { jsonInput } from '$lib/server/web/input';
import { createCareRequest, listCareRequests, presentCareLists } from '$lib/server/care';

/** The care requests the caller may see (each line audited); a care provider creates one. */
export const GET = careApiHandler(async (event, actor) =>
	presentCareLists(await listCareRequests(event.locals.ctx.db, actor, { state: event.url.searchParams.get('state') ?? undefined }, event.locals.ctx.clock()))
);

export const POST = careApiHandler(async (event, actor) => createCareRequest(event.locals.ctx, actor, await jsonInput(event)), { status: 201 });
