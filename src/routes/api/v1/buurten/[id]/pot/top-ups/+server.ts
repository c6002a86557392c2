import { apiHandler } from '$lib/server/web/api';
import { topUpBuurt, presentTopUp } from '$lib/server/pot';
import { jsonInput } from '$lib/server/web/input';

/** Staff: `{ account: 'funding'|'buurtpot', amountCents, note }` with an Idempotency-Key (required: the transfer is named after it). */
export const POST = apiHandler(
	async (event, actor) => presentTopUp(await topUpBuurt(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id })),
	{ status: 201 }
);
