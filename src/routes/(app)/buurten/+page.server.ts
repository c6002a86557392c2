import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { listVisibleBuurten } from '$lib/server/places';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => ({
	buurten: await listVisibleBuurten(event.locals.ctx.db, requireActor(event))
}));
