import { apiHandler, readJson } from '$lib/server/web/api';
import { markRead, unreadCount } from '$lib/server/notifications';

export const POST = apiHandler(async (event, actor) => {
	const { ctx } = event.locals;
	const { marked } = await markRead(ctx, actor, await readJson(event));
	return { marked, unread: await unreadCount(ctx.db, actor.accountId) };
});
