import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { tooLargeForm } from '$lib/server/web/proposal-forms';
import { filesFromForm } from '$lib/server/photos';
import { createNews, createPost, getFeed, myBoardName } from '$lib/server/board';
import { formRules } from '$lib/server/web/moderation-targets';

/** The buurt's board: the feed (pages of 20, "Oudere berichten" as a plain link), a post form, news for staff. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const feed = await getFeed(ctx.db, actor, { buurtId: event.params.id, before: event.url.searchParams.get('before') || undefined }, ctx.clock());
	return {
		feed,
		me: feed.can.post ? await myBoardName(ctx.db, actor, feed.buurt.id, ctx.clock()) : null,
		rules: feed.can.post ? await formRules(ctx.db, actor, feed.buurt.id) : null,
		keys: await formKeys(event, ['post', 'news']),
		done: doneParam(event.url, ['posted', 'news', 'deleted']),
		today: ctx.clock().toISOString().slice(0, 10)
	};
});

export const actions: Actions = {
	post: (event) =>
		tooLargeForm(event) ??
		runForm(event, async (data) => {
			const input = { buurtId: event.params.id, ...formFields(data, ['kind', 'body', 'nameChoice', 'idempotencyKey']) };
			const r = await createPost(event.locals.ctx, requireActor(event), input, await filesFromForm(data, 'photos'));
			redirect(303, `/buurten/${r.buurtId}/board/${r.id}?done=posted`);
		}),
	news: (event) =>
		runForm(event, async (data) => {
			const v = formFields(data, ['body', 'expiresOn', 'idempotencyKey']);
			await createNews(event.locals.ctx, requireActor(event), { buurtId: event.params.id, ...v, pinned: data.get('pinned') === 'on' });
			redirect(303, `/buurten/${event.params.id}/board?done=news`);
		})
};
