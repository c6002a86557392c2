import { apiHandler } from '$lib/server/web/api';
import { setNameInPot } from '$lib/server/buurtpot/funding';
import { jsonInput } from '$lib/server/help/web';

/** `{ named: true|false }`: show the actor's first name next to what they earned on the buurtpot page. */
export const PUT = apiHandler(async (event, actor) => setNameInPot(event.locals.ctx, actor, await jsonInput(event)));
