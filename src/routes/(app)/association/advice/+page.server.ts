import type { PageServerLoadEvent } from './$types';
import { pageLoad } from '$lib/server/web/input';
import { requireAssociation } from '$lib/server/web/listen-forms';
import { boardOrganisationIds, listAdviceRequests } from '$lib/server/voice';

/** The advice requests sent to the person's tenants' association(s), newest first. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireAssociation(event);
	const { ctx } = event.locals;
	const mine = new Set(boardOrganisationIds(actor));
	return { requests: (await listAdviceRequests(ctx.db, actor, ctx.clock())).filter((r) => mine.has(r.organisation.id)) };
});
