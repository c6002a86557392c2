import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { formKeys, runForm, str } from '$lib/server/web/forms';
import { doneParam, pageLoad } from '$lib/server/web/input';
import { tickedThemes } from '$lib/server/web/listen-forms';
import { addQuote, deleteConversation, getConversation, listThemes } from '$lib/server/voice';

/** One conversation: what the resident agreed to, the notes (if kept), the quotes; add a quote or delete it all. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { db } = event.locals.ctx;
	return {
		conversation: await getConversation(db, actor, event.params.id),
		themes: await listThemes(db, actor),
		keys: await formKeys(event, ['quote']),
		done: doneParam(event.url, ['recorded', 'quote'])
	};
});

export const actions: Actions = {
	quote: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await addQuote(event.locals.ctx, actor, { conversationId: event.params.id, body: str(data, 'body') ?? '', themeIds: tickedThemes(data), idempotencyKey: str(data, 'idempotencyKey') });
			redirect(303, `/staff/voice/conversations/${event.params.id}?done=quote`);
		}),
	delete: (event) =>
		runForm(event, async () => {
			const { actor } = requireStaff(event);
			await deleteConversation(event.locals.ctx, actor, { conversationId: event.params.id });
			redirect(303, '/staff/voice/conversations?done=deleted');
		})
};
