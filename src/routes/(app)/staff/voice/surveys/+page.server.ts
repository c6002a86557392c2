import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { formFields, pageLoad } from '$lib/server/web/input';
import { createSurvey, listStaffSurveys } from '$lib/server/voice';

/** Staff's surveys: the list (newest first) and the form that starts one, from a template or empty. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	const today = ctx.clock().toISOString().slice(0, 10);
	return { ...(await listStaffSurveys(ctx.db, actor, ctx.clock())), keys: await formKeys(event, ['create']), today, inTwoWeeks: new Date(ctx.clock().getTime() + 14 * 864e5).toISOString().slice(0, 10) };
});

export const actions: Actions = {
	create: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const v = formFields(data, ['area', 'template', 'title', 'intro', 'opensOn', 'closesOn', 'idempotencyKey']);
			const r = await createSurvey(event.locals.ctx, actor, { ...v, invitations: data.get('invitations') === 'on', locale: event.locals.locale });
			redirect(303, `/staff/voice/surveys/${r.id}?done=created`);
		})
};
