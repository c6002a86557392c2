import type { PageServerLoad } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { listVisibleBuurten } from '$lib/server/places';

export const load: PageServerLoad = async (event) => ({
	buurten: await listVisibleBuurten(event.locals.ctx.db, requireActor(event))
});
