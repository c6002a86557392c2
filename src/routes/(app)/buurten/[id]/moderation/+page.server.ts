import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listBuurtQueue } from '$lib/server/moderation';

/** What waits for review in a buurt: its ambassadors (public content) and staff of its corporation (everything). */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	return listBuurtQueue(event.locals.ctx.db, actor, { buurtId: event.params.id });
});
