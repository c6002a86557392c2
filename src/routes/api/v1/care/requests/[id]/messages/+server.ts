import { careApiHandler } from '$lib/server/web/care-api';
import { jsonInput } from '$lib/server/web/input';
import { postCareMessage } from '$lib/server/care';

/** A message between the accepted helper and the care provider. */
export const POST = careApiHandler(async (event, actor) => postCareMessage(event.locals.ctx, actor, { ...(await jsonInput(event)), requestId: event.params.id }), { status: 201 });
