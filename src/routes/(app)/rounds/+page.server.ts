import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { listRounds } from '$lib/server/rounds';
import { pageLoad } from '$lib/server/web/input';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const buurt = event.url.searchParams.get('buurt');
	const rounds = await listRounds(ctx.db, actor, { buurtId: buurt && uuid.test(buurt) ? buurt : undefined }, ctx.clock());
	return { rounds, isStaff: actor.staff.length > 0 };
});
