import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { formKeys, runForm } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { conversationInput } from '$lib/server/web/listen-forms';
import { QUOTE_SLOTS, dutchDay, listAreas, listThemes, recordConversation } from '$lib/server/voice';

/** Record a conversation: date, area, kind, the resident's consent, notes and up to three quotes with themes. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	return {
		areas: await listAreas(ctx.db, corporationId),
		themes: await listThemes(ctx.db, actor),
		slots: QUOTE_SLOTS,
		today: dutchDay(ctx.clock()),
		keys: await formKeys(event, ['record'])
	};
});

export const actions: Actions = {
	record: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const { id } = await recordConversation(event.locals.ctx, actor, conversationInput(data));
			redirect(303, `/staff/voice/conversations/${id}?done=recorded`);
		})
};
