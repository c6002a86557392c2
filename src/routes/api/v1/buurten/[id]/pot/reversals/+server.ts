import { apiHandler } from '$lib/server/web/api';
import { presentReversal } from '$lib/server/pot';
import { reversePotTransfer } from '$lib/server/proposals';
import { jsonInput } from '$lib/server/web/input';

/** Staff: `{ transferId, reason }` with an Idempotency-Key (required): reverses a top-up or payout of this buurt. */
export const POST = apiHandler(
	async (event, actor) => presentReversal(await reversePotTransfer(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id })),
	{ status: 201 }
);
