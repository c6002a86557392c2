import type { PageServerLoad } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { personaOf, getHomeOverview } from '$lib/server/people';

export const load: PageServerLoad = async (event) => {
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
		welcome: event.url.searchParams.has('welcome')
	};
};
