import type { PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { pageLoad } from '$lib/server/web/input';
import { listAdviceRequests } from '$lib/server/voice';

/** The corporation's advice requests, newest first, with what is late. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	// Only the corporation's own requests here (a staff member who also sits on a board reads those on the association's page).
	const all = await listAdviceRequests(ctx.db, actor, ctx.clock());
	return { requests: all.filter((r) => r.corporationId === corporationId) };
});
