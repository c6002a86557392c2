import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { getActionForStaff, linkActionInput, unlinkActionInput, updateActionStatus } from '$lib/server/voice';

/** One action for staff: its status with a note for residents, and the inputs behind it. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	return { ...(await getActionForStaff(event.locals.ctx.db, actor, event.params.id, event.locals.locale)), done: doneParam(event.url, ['recorded', 'status', 'linked', 'unlinked']) };
});

const back = (id: string, done: string) => redirect(303, `/staff/voice/actions/${id}?done=${done}`);

export const actions: Actions = {
	status: (event) =>
		runForm(event, async (data) => {
			await updateActionStatus(event.locals.ctx, requireStaff(event).actor, { actionId: event.params.id, ...formFields(data, ['status', 'note']) });
			back(event.params.id, 'status');
		}),
	link: (event) =>
		runForm(event, async (data) => {
			await linkActionInput(event.locals.ctx, requireStaff(event).actor, { actionId: event.params.id, ...formFields(data, ['kind', 'ref', 'note']) });
			back(event.params.id, 'linked');
		}),
	unlink: (event) =>
		runForm(event, async (data) => {
			await unlinkActionInput(event.locals.ctx, requireStaff(event).actor, { actionId: event.params.id, ...formFields(data, ['inputId']) });
			back(event.params.id, 'unlinked');
		})
};
