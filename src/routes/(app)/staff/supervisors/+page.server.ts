import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { appointSupervisor, approveSupervisorTerm, endSupervisorTerm, listSupervisionForStaff, updateHelpSettings } from '$lib/server/help';
import { formFields, newIdempotencyKey, doneParam, pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	return {
		buurten: await listSupervisionForStaff(ctx.db, actor, ctx.clock()),
		key: newIdempotencyKey(),
		done: doneParam(event.url, ['appoint', 'approve', 'end', 'settings'])
	};
});

export const actions: Actions = {
	appoint: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event); // the use case checks scope, then role
			await appointSupervisor(event.locals.ctx, actor, formFields(data, ['buurtId', 'accountId', 'idempotencyKey']));
			redirect(303, '/staff/supervisors?done=appoint');
		}),
	approve: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event); // the use case checks scope, then role
			await approveSupervisorTerm(event.locals.ctx, actor, formFields(data, ['termId', 'startsOn', 'endsOn', 'idempotencyKey']));
			redirect(303, '/staff/supervisors?done=approve');
		}),
	end: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event); // the use case checks scope, then role
			await endSupervisorTerm(event.locals.ctx, actor, formFields(data, ['termId', 'idempotencyKey']));
			redirect(303, '/staff/supervisors?done=end');
		}),
	settings: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event); // the use case checks scope, then role
			await updateHelpSettings(event.locals.ctx, actor, formFields(data, ['buurtId', 'termMonths', 'maxSupervisors', 'autoConfirmDays', 'waitingDays', 'idempotencyKey']));
			redirect(303, '/staff/supervisors?done=settings');
		})
};
