import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { actionInputChoices, getActionForStaff, linkActionInput, pickedInput, unlinkActionInput, updateActionStatus } from '$lib/server/voice';

/** One action for staff: its status with a note for residents, and the inputs behind it. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const detail = await getActionForStaff(event.locals.ctx.db, actor, event.params.id, event.locals.locale);
	return { ...detail, choices: await actionInputChoices(event.locals.ctx.db, actor), done: doneParam(event.url, ['recorded', 'status', 'linked', 'unlinked']) };
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
			// A theme or advice reply picked from the list stands for the kind and the link.
			const v = formFields(data, ['kind', 'ref', 'note', 'pick']);
			const picked = pickedInput(v.pick);
			await linkActionInput(event.locals.ctx, requireStaff(event).actor, { actionId: event.params.id, kind: v.kind, ref: v.ref, note: v.note, ...picked });
			back(event.params.id, 'linked');
		}),
	unlink: (event) =>
		runForm(event, async (data) => {
			await unlinkActionInput(event.locals.ctx, requireStaff(event).actor, { actionId: event.params.id, ...formFields(data, ['inputId']) });
			back(event.params.id, 'unlinked');
		})
};
