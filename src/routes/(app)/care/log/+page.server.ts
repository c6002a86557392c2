import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listCareReadLog } from '$lib/server/care';

/** The coordinator's log: who read or changed which of the organisation's care requests, and when. Anyone else: 404. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const requestId = event.url.searchParams.get('request') || undefined;
	return { entries: await listCareReadLog(ctx.db, actor, { requestId }, ctx.clock()), requestId: requestId ?? null };
});
