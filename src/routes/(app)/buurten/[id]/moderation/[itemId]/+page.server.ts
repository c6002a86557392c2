import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { getReviewItem, reviewItem, sanctionAuthor } from '$lib/server/moderation';

/** One reported item for its reviewer: the words, the reports (never who), the history; keep, hide, remove; staff also warn or suspend the author. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const page = await getReviewItem(event.locals.ctx.db, actor, { buurtId: event.params.id, itemId: event.params.itemId }, event.locals.ctx.clock());
	return { ...page, done: doneParam(event.url, ['keep', 'hide', 'remove', 'warn', 'suspend']) };
});

const here = (event: RequestEvent) => `/buurten/${event.params.id}/moderation/${event.params.itemId}`;

export const actions: Actions = {
	review: (event) =>
		runForm(event, async (data) => {
			const r = formFields(data, ['decision', 'reason', 'note']);
			await reviewItem(event.locals.ctx, requireActor(event), { itemId: event.params.itemId, ...r });
			redirect(303, `${here(event)}?done=${r.decision}`);
		}),
	sanction: (event) =>
		runForm(event, async (data) => {
			// The form's reason field has its own name (two forms on one page, one id each).
			const r = formFields(data, ['action', 'days', 'sanctionReason', 'note']);
			await sanctionAuthor(event.locals.ctx, requireActor(event), { itemId: event.params.itemId, action: r.action, days: r.days, reason: r.sanctionReason, note: r.note });
			redirect(303, `${here(event)}?done=${r.action}`);
		})
};
