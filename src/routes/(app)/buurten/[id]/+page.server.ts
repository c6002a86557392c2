import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { getBuurt } from '$lib/server/places';
import { DomainError } from '$lib/server/shared/errors';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	try {
		return { buurt: await getBuurt(event.locals.ctx.db, actor, event.params.id) };
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
};
