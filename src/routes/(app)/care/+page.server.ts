import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad, doneParam } from '$lib/server/web/input';
import { careOrganisationsOf, listCareRequests, loadCareViewer } from '$lib/server/care';

/**
 * The care bridge's list: a care provider's requests (with consent end and offers waiting), and
 * for a vetted helper the open requests of their buurt and the ones they help with. Anyone else
 * gets a 404: the page does not exist for them.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const lists = await listCareRequests(ctx.db, actor, {}, now);
	const viewer = await loadCareViewer(ctx.db, actor, now);
	return {
		lists,
		isProvider: careOrganisationsOf(actor).length > 0,
		isCoordinator: viewer.coordinatorOf.length > 0,
		done: doneParam(event.url, ['withdrawn'])
	};
});
