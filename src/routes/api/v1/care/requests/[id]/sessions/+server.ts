import { careApiHandler } from '$lib/server/web/care-api';
import { jsonInput } from '$lib/server/web/input';
import { logCareSession } from '$lib/server/care';

/** The care provider logs a completed session (its reward goes to the buurtpot). */
export const POST = careApiHandler(async (event, actor) => logCareSession(event.locals.ctx, actor, { ...(await jsonInput(event)), requestId: event.params.id }), { status: 201 });
