import type { PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { listVisibleBuurten } from '$lib/server/places';
import { listRounds } from '$lib/server/rounds';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	const buurten = (await listVisibleBuurten(ctx.db, actor)).filter((b) => b.corporation_id === corporationId);
	const rounds = (await listRounds(ctx.db, actor, {}, ctx.clock())).filter((r) => buurten.some((b) => b.id === r.buurtId));
	return { rounds, buurten: buurten.map((b) => ({ id: b.id, name: b.name })) };
});
