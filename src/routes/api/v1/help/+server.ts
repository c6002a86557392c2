import { apiHandler } from '$lib/server/web/api';
import { askHelpRequest, askHelpRequestOnBehalf, listOpenRequests, presentRequestList } from '$lib/server/help';
import { jsonInput } from '$lib/server/web/input';

/** The buurt's open requests (?buurtId=…&sort=newest|oldest&page=1). */
export const GET = apiHandler(async (event, actor) => {
	const q = event.url.searchParams;
	const input = { buurtId: q.get('buurtId') ?? actor.memberBuurtIds[0], sort: q.get('sort') ?? undefined, page: q.get('page') ?? undefined, pageSize: q.get('pageSize') ?? undefined };
	return presentRequestList(await listOpenRequests(event.locals.ctx.db, actor, input, event.locals.ctx.clock()));
});

/** Ask for help; with `onBehalf: { neighbourName, consent, consentNote, updateChannel }` on behalf of a neighbour. */
export const POST = apiHandler(
	async (event, actor) => {
		const body = await jsonInput(event);
		const { onBehalf, ...fields } = body as { onBehalf?: Record<string, unknown> };
		const r = onBehalf && typeof onBehalf === 'object'
			? await askHelpRequestOnBehalf(event.locals.ctx, actor, { ...fields, ...onBehalf })
			: await askHelpRequest(event.locals.ctx, actor, fields);
		return r;
	},
	{ status: 201 }
);

