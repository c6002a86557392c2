import type { LayoutServerLoad } from './$types';
import { requireActor } from '$lib/server/web/forms';

// Everything in (app) needs a logged-in person.
export const load: LayoutServerLoad = (event) => {
	requireActor(event);
	return {};
};
