import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { addReply, deletePost, deleteReply, editPost, editReply, getPost, myBoardName } from '$lib/server/board';

/** One post with its replies; the reply form; the author edits or deletes their own. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const page = await getPost(ctx.db, actor, { buurtId: event.params.id, postId: event.params.postId });
	return {
		...page,
		me: page.can.reply ? await myBoardName(ctx.db, actor, page.buurt.id, ctx.clock()) : null,
		keys: await formKeys(event, ['reply']),
		done: doneParam(event.url, ['posted', 'reply', 'edited', 'reply_edited', 'reply_deleted'])
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
