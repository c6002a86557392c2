import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listMySurveys } from '$lib/server/voice';

/** The surveys for the member's home: open ones to answer, closed ones with their results. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	return { surveys: await listMySurveys(ctx.db, actor, ctx.clock()), isStaff: actor.staff.length > 0 };
});
