import type { PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { pageLoad } from '$lib/server/web/input';
import { listStaffActions } from '$lib/server/voice';

/** "Jij zei, wij deden" for staff: every action of the corporation, newest first. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	return await listStaffActions(event.locals.ctx.db, actor, event.locals.locale);
});
