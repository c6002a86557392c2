import { apiHandler } from '$lib/server/web/api';
import { topUpBuurt } from '$lib/server/buurtpot/funding';
import { presentTopUp } from '$lib/server/help/presenters';
import { jsonInput } from '$lib/server/help/web';

/** Staff: `{ account: 'funding'|'buurtpot', amountCents, note }` with an Idempotency-Key. */
export const POST = apiHandler(
	async (event, actor) => presentTopUp(await topUpBuurt(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id })),
	{ status: 201 }
);
