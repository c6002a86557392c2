import { apiHandler } from '$lib/server/web/api';
import { listInbox, presentInboxItem, unreadCount } from '$lib/server/notifications';

export const GET = apiHandler(async (event, actor) => {
	const { ctx, t } = event.locals;
	const page = await listInbox(ctx, actor, {
		limit: event.url.searchParams.get('limit') ?? undefined,
		before: event.url.searchParams.get('before') ?? undefined
	});
	return {
		items: page.items.map((item) => presentInboxItem(t, ctx.publicUrl, item)),
		nextBefore: page.nextBefore,
		unread: await unreadCount(ctx.db, actor.accountId)
	};
});
