import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listPublishedAdvice } from '$lib/server/voice';

/** The corporation's replies to the tenants' association's advice about this buurt, where the association agreed to show them. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	return await listPublishedAdvice(event.locals.ctx.db, actor, event.params.id);
});
