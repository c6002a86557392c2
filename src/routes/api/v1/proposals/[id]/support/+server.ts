import { apiHandler } from '$lib/server/web/api';
import { supportProposal, withdrawSupport } from '$lib/server/proposals';

/** Support for the actor's household. No body needed; Idempotency-Key header optional. */
export const POST = apiHandler(async (event, actor) => {
	const key = event.request.headers.get('idempotency-key');
	return supportProposal(event.locals.ctx, actor, { proposalId: event.params.id, ...(key ? { idempotencyKey: key } : {}) });
});

/** Take back one's own support while the support phase runs. Idempotency-Key header optional. */
export const DELETE = apiHandler(async (event, actor) => {
	const key = event.request.headers.get('idempotency-key');
	return withdrawSupport(event.locals.ctx, actor, { proposalId: event.params.id, ...(key ? { idempotencyKey: key } : {}) });
});
