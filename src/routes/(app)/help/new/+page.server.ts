import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { askHelpRequest, listHelpBuurten, isoDay } from '$lib/server/help';
import { askFieldNames, formFields, pageLoad } from '$lib/server/web/input';
import { formRules } from '$lib/server/web/moderation-targets';


export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const buurten = (await listHelpBuurten(ctx.db, actor)).filter((b) => actor.memberBuurtIds.includes(b.id));
	const chosen = buurten.find((b) => b.id === event.url.searchParams.get('buurt'))?.id ?? buurten[0]?.id;
	// The house rules beside the form (a link; moderation).
	const rules = chosen ? await formRules(ctx.db, actor, chosen) : null;
	return { buurten: buurten.map((b) => ({ id: b.id, name: b.name })), buurtId: chosen, idempotencyKey: (await formKeys(event, ['ask'])).ask, today: isoDay(ctx.clock()), rules: rules && { ...rules, firstTime: false } };
});

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			const r = await askHelpRequest(event.locals.ctx, actor, formFields(data, askFieldNames));
			redirect(303, `/help/${r.id}?done=ask`);
		})
};
