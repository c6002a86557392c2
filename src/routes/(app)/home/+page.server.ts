import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { personaOf, getHomeOverview, isAdminOf } from '$lib/server/people';
import { getLatestLedgerCheck } from '$lib/server/ledger';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	return {
		persona: personaOf(actor),
		name: actor.name,
		roles: {
			member: actor.memberships.length > 0,
			supervisor: actor.supervisorBuurtIds.length > 0,
			staff: actor.staff.map((s) => s.role),
			partners: actor.partners.map((p) => p.kind)
		},
		overview: await getHomeOverview(ctx.db, actor, ctx.clock()),
		welcome: event.url.searchParams.has('welcome'),
		// Admins see at once when the money no longer adds up (the hourly ledger check).
		ledgerCheck: actor.staff.some((s) => isAdminOf(actor, s.corporationId)) ? await getLatestLedgerCheck(ctx.db) : null
	};
});
