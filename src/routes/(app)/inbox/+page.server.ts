import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm, str } from '$lib/server/web/forms';
import { listInbox, markRead, presentInboxItem } from '$lib/server/notifications';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx, t } = event.locals;
	const before = event.url.searchParams.get('before') ?? undefined;
	// A broken cursor in the address shows the first page rather than an error page.
	const page = await listInbox(ctx, actor, { before }).catch(() => listInbox(ctx, actor));
	return {
		items: page.items.map((item) => presentInboxItem(t, ctx.publicUrl, item)),
		nextBefore: page.nextBefore,
		paged: !!before
	};
});

export const actions: Actions = {
	readAll: (event) =>
		runForm(event, async () => {
			const { marked } = await markRead(event.locals.ctx, requireActor(event), { all: true });
			return { marked };
		}),
	read: (event) =>
		runForm(event, async (data) => {
			const { marked } = await markRead(event.locals.ctx, requireActor(event), { ids: [str(data, 'id') ?? ''] });
			return { marked };
		})
};
