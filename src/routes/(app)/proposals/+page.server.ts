import { redirect } from '@sveltejs/kit';
import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { listFeasibilityQueue, listProposalBuurten } from '$lib/server/proposals';
import { pageLoad } from '$lib/server/web/input';

/**
 * The buurtpot's entry page: the buurten whose proposals the person may see, and for staff (and
 * the tenants' association where allowed) the proposals waiting for a feasibility answer. A
 * member of a single buurt with nothing to check goes straight to that buurt's proposals.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { db } = event.locals.ctx;
	const [buurten, queue] = await Promise.all([listProposalBuurten(db, actor), listFeasibilityQueue(db, actor)]);
	if (buurten.length === 1 && queue.length === 0 && buurten[0].isMember) redirect(303, `/buurten/${buurten[0].id}/proposals`);
	return { buurten, queue };
});
