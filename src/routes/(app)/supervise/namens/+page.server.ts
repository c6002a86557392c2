import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { askHelpRequestOnBehalf, listHelpBuurten, canAskOnBehalf, isoDay } from '$lib/server/help';
import { askFieldNames, formFields, pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const buurten = (await listHelpBuurten(ctx.db, actor)).filter((b) => canAskOnBehalf(actor, { id: b.id, corporation_id: b.corporationId }));
	if (!buurten.length) error(403, 'forbidden');
	return { buurten: buurten.map((b) => ({ id: b.id, name: b.name })), idempotencyKey: (await formKeys(event, ['ask'])).ask, today: isoDay(ctx.clock()) };
});

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			const v = formFields(data, [...askFieldNames, 'neighbourName', 'consentNote', 'updateChannel']);
			const r = await askHelpRequestOnBehalf(event.locals.ctx, actor, { ...v, consent: data.get('consent') === 'yes' ? true : undefined });
			redirect(303, `/help/${r.id}?done=ask_on_behalf`);
		})
};
