import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { addReply, deletePost, deleteReply, editPost, editReply, getPost, myBoardName } from '$lib/server/board';
import { formRules, reportHref } from '$lib/server/web/moderation-targets';

/** One post with its replies; the reply form; the author edits or deletes their own. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const page = await getPost(ctx.db, actor, { buurtId: event.params.id, postId: event.params.postId });
	return {
		...page,
		me: page.can.reply ? await myBoardName(ctx.db, actor, page.buurt.id, ctx.clock()) : null,
		rules: page.can.reply ? await formRules(ctx.db, actor, page.buurt.id) : null,
		reportPost: page.post.can.report ? reportHref('board_post', page.buurt.id, page.post.id) : null,
		reportReply: Object.fromEntries(page.replies.filter((r) => r.can.report).map((r) => [r.id, reportHref('board_reply', page.buurt.id, r.id)])),
		keys: await formKeys(event, ['reply']),
		done: doneParam(event.url, ['posted', 'reply', 'edited', 'reply_edited', 'reply_deleted', 'reported', 'reported_hidden'])
	};
});

const here = (event: RequestEvent) => `/buurten/${event.params.id}/board/${event.params.postId}`;
const target = (event: RequestEvent) => ({ buurtId: event.params.id, postId: event.params.postId });

export const actions: Actions = {
	reply: (event) =>
		runForm(event, async (data) => {
			await addReply(event.locals.ctx, requireActor(event), { ...target(event), ...formFields(data, ['body', 'nameChoice', 'idempotencyKey']) });
			redirect(303, `${here(event)}?done=reply#replies`);
		}),
	editPost: (event) =>
		runForm(event, async (data) => {
			await editPost(event.locals.ctx, requireActor(event), { ...target(event), ...formFields(data, ['body', 'kind']) });
			redirect(303, `${here(event)}?done=edited`);
		}),
	deletePost: (event) =>
		runForm(event, async () => {
			await deletePost(event.locals.ctx, requireActor(event), target(event));
			redirect(303, `/buurten/${event.params.id}/board?done=deleted`);
		}),
	editReply: (event) =>
		runForm(event, async (data) => {
			await editReply(event.locals.ctx, requireActor(event), { ...target(event), ...formFields(data, ['replyId', 'body']) });
			redirect(303, `${here(event)}?done=reply_edited#replies`);
		}),
	deleteReply: (event) =>
		runForm(event, async (data) => {
			await deleteReply(event.locals.ctx, requireActor(event), { ...target(event), ...formFields(data, ['replyId']) });
			redirect(303, `${here(event)}?done=reply_deleted#replies`);
		})
};
