import { error } from '@sveltejs/kit';
import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { getBuurt } from '$lib/server/places';
import { DomainError } from '$lib/server/shared/errors';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	try {
		return { buurt: await getBuurt(event.locals.ctx.db, actor, event.params.id) };
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
});
