import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { formKeys, runForm, str } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { tooLargeForm } from '$lib/server/web/proposal-forms';
import { defaultDeadline, documentsFromForm, listAreas, listAssociations, sendAdviceRequest } from '$lib/server/voice';

/** Send an advice request: association, area, subject, intended decision, legal basis, deadline (six weeks), PDFs. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	return {
		associations: await listAssociations(ctx.db, actor),
		areas: await listAreas(ctx.db, corporationId),
		deadline: defaultDeadline(ctx.clock()),
		keys: await formKeys(event, ['send'])
	};
});

const fields = ['organisationId', 'area', 'subject', 'intendedDecision', 'legalBasis', 'deadlineOn', 'idempotencyKey'];

export const actions: Actions = {
	send: (event) =>
		tooLargeForm(event) ??
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const input = Object.fromEntries(fields.map((n) => [n, str(data, n) ?? '']));
			const { id } = await sendAdviceRequest(event.locals.ctx, actor, input, await documentsFromForm(data, 'documents'));
			redirect(303, `/staff/voice/advice/${id}?done=sent`);
		})
};
