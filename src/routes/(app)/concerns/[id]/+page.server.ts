import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { getMyConcern } from '$lib/server/concerns';

/** One of the reporter's own concerns (anyone else's is a 404), with the honest answer of what happens. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const c = await getMyConcern(event.locals.ctx.db, actor, { concernId: event.params.id });
	return { concern: { ...c, createdAt: c.createdAt.toISOString(), pickedUpAt: c.pickedUpAt?.toISOString() ?? null }, raised: event.url.searchParams.has('raised') };
});
