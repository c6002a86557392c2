import { apiHandler } from '$lib/server/web/api';
import { getRequestDetail, presentRequestDetail, readZorgDetails } from '$lib/server/help';
import { jsonInput } from '$lib/server/web/input';

/**
 * Staff whose turn it is (no supervisor in the buurt, or a dispute or redirect) open a zorg
 * request's private text with `{ reason }`: the read is stored, audited and shown to the asker;
 * the answer is the request with its text.
 */
export const POST = apiHandler(
	async (event, actor) => {
		const { ctx } = event.locals;
		const { requestId } = await readZorgDetails(ctx, actor, { ...(await jsonInput(event)), requestId: event.params.id });
		return presentRequestDetail(await getRequestDetail(ctx.db, actor, requestId, ctx.clock()));
	},
	{ status: 201 }
);
