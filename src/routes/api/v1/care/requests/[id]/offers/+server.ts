import { careApiHandler } from '$lib/server/web/care-api';
import { offerHelp } from '$lib/server/care';

/** A vetted helper of the buurt offers to help. */
export const POST = careApiHandler(async (event, actor) => offerHelp(event.locals.ctx, actor, { requestId: event.params.id, idempotencyKey: event.request.headers.get('idempotency-key') ?? undefined }), { status: 201 });
