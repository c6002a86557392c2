import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listBuurtActions } from '$lib/server/voice';

/** "Jij zei, wij deden": what the corporation did in (or for) this buurt, newest first, with what residents said. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	return await listBuurtActions(event.locals.ctx.db, actor, event.params.id, event.locals.locale);
});
