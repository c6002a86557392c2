import { careApiHandler } from '$lib/server/web/care-api';
import { acceptOffer } from '$lib/server/care';

/** The care provider accepts one offer. */
export const POST = careApiHandler(async (event, actor) =>
	acceptOffer(event.locals.ctx, actor, { requestId: event.params.id, offerId: event.params.offerId, idempotencyKey: event.request.headers.get('idempotency-key') ?? undefined })
);
