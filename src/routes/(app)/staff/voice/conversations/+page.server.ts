import type { PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { doneParam, pageLoad } from '$lib/server/web/input';
import { listConversations } from '$lib/server/voice';

/** The corporation's wijkgesprekken, newest first. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	return { conversations: await listConversations(event.locals.ctx.db, actor), done: doneParam(event.url, ['deleted']) };
});
