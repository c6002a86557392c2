import { apiHandler } from '$lib/server/web/api';
import { DomainError } from '$lib/server/shared/errors';
import { listCheckQueue, presentQueue } from '$lib/server/help';

/** Supervisors and staff: requests to check, waiting ones, disputes and redirected requests. */
export const GET = apiHandler(async (event, actor) => {
	if (!actor.supervisorBuurtIds.length && !actor.staff.length) throw new DomainError('help.forbidden');
	return presentQueue(await listCheckQueue(event.locals.ctx.db, actor, event.locals.ctx.clock()));
});
