import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { listHelpBuurten, listMyRequests, listOpenRequests, canAsk } from '$lib/server/help';
import { orNotFound, pageLoad } from '$lib/server/web/input';
import { listCareRequests, loadCareViewer } from '$lib/server/care';
import { readerOf } from '$lib/server/shared/context';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const buurten = await listHelpBuurten(ctx.db, actor);
	const q = event.url.searchParams;
	const buurtId = buurten.find((b) => b.id === q.get('buurt'))?.id ?? buurten.find((b) => actor.memberBuurtIds.includes(b.id))?.id ?? buurten[0]?.id;
	const list = buurtId
		? // Neighbours' open requests may come from a read replica (a moment behind is fine); their own list never does.
			await orNotFound(listOpenRequests(readerOf(ctx), actor, { buurtId, sort: q.get('sort') === 'oldest' ? 'oldest' : 'newest', page: q.get('page') ?? 1 }, ctx.clock()))
		: null;
	return {
		buurten: buurten.map((b) => ({ id: b.id, name: b.name })),
		list,
		mine: await listMyRequests(ctx.db, actor, ctx.clock()),
		canAsk: buurtId ? canAsk(actor, buurtId) : false,
		// Vetted helpers see the care bridge's requests under their own heading; everyone else nothing, not even a count.
		care: (await loadCareViewer(ctx.db, actor, ctx.clock())).vettedBuurtIds.length ? await listCareRequests(ctx.db, actor, {}, ctx.clock()) : null
	};
});
