import { careApiHandler } from '$lib/server/web/care-api';
import { withdrawCareRequest } from '$lib/server/care';

/** The care provider ends the request. */
export const POST = careApiHandler(async (event, actor) => withdrawCareRequest(event.locals.ctx, actor, { requestId: event.params.id, idempotencyKey: event.request.headers.get('idempotency-key') ?? undefined }));
