import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { tooLargeForm } from '$lib/server/web/proposal-forms';
import { filesFromForm } from '$lib/server/photos';
import { actOnGroup, createPost, getGroup, myBoardName, type GroupAction } from '$lib/server/board';
import { formRules } from '$lib/server/web/moderation-targets';

/** A group: who is in it, join / ask / leave, the owner's requests and hand-over, its posts. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const page = await getGroup(ctx.db, actor, { buurtId: event.params.id, groupId: event.params.groupId, before: event.url.searchParams.get('before') || undefined }, ctx.clock());
	return {
		...page,
		me: page.can.post ? await myBoardName(ctx.db, actor, page.buurt.id, ctx.clock()) : null,
		rules: page.can.post ? await formRules(ctx.db, actor, page.buurt.id) : null,
		keys: await formKeys(event, ['post']),
		done: doneParam(event.url, ['created', 'join', 'leave', 'approve', 'decline', 'hand_over'])
	};
});

/** One step on the group, then back to it (or to the list, once closed). */
const step = (action: GroupAction) => (event: RequestEvent) =>
	runForm(event, async (data) => {
		const r = await actOnGroup(event.locals.ctx, requireActor(event), { buurtId: event.params.id, groupId: event.params.groupId, action, ...formFields(data, ['accountId']) });
		if (r.status === 'closed') redirect(303, `/buurten/${event.params.id}/board/groups?done=closed`);
		redirect(303, `/buurten/${event.params.id}/board/groups/${event.params.groupId}?done=${action}`);
	});

export const actions: Actions = {
	join: step('join'),
	leave: step('leave'),
	approve: step('approve'),
	decline: step('decline'),
	handOver: step('hand_over'),
	close: step('close'),
	post: (event) =>
		tooLargeForm(event) ??
		runForm(event, async (data) => {
			const input = { buurtId: event.params.id, groupId: event.params.groupId, ...formFields(data, ['kind', 'body', 'nameChoice', 'idempotencyKey']) };
			const r = await createPost(event.locals.ctx, requireActor(event), input, await filesFromForm(data, 'photos'));
			redirect(303, `/buurten/${r.buurtId}/board/${r.id}?done=posted`);
		})
};
