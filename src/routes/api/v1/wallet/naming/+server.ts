import { apiHandler } from '$lib/server/web/api';
import { setNameInPot } from '$lib/server/help';
import { jsonInput } from '$lib/server/web/input';

/** `{ named: true|false }`: show the actor's first name next to what they earned on the buurtpot page. */
export const PUT = apiHandler(async (event, actor) => setNameInPot(event.locals.ctx, actor, await jsonInput(event)));
