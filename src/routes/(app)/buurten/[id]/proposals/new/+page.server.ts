import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, formValues, requireActor, runForm } from '$lib/server/web/forms';
import { isMemberOf } from '$lib/server/people';
import { createProposal, previewProposal, filesFromForm } from '$lib/server/proposals';
import { proposalFormInput, tooLargeForm } from '$lib/server/web/proposal-forms';
import { pageLoad } from '$lib/server/web/input';
import { findBuurtRef } from '$lib/server/places';
import { formRules } from '$lib/server/web/moderation-targets';

/**
 * Proposing in two steps that work without JavaScript: (1) the text, checked at once and shown
 * with similar proposals of the buurt ("support that one instead?"); (2) photos and confirm.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const buurt = await findBuurtRef(event.locals.ctx.db, event.params.id);
	if (!buurt || !isMemberOf(actor, buurt.id)) error(404, 'not_found');
	// The house rules beside the form (a link; moderation).
	const rules = await formRules(event.locals.ctx.db, actor, buurt.id);
	return { buurt: { id: buurt.id, name: buurt.name }, idempotencyKey: (await formKeys(event, ['create'])).create, rules: rules && { ...rules, firstTime: false } };
});

export const actions: Actions = {
	preview: (event) =>
		runForm(event, async (data) => {
			const { ctx } = event.locals;
			const input = { ...proposalFormInput(data), buurtId: event.params.id };
			const r = await previewProposal(ctx.db, requireActor(event), input, ctx.clock());
			return { step: 'confirm' as const, values: formValues(data), costCents: r.costCents, similar: r.similar };
		}),
	/** Back from the confirm step to the text, with everything typed kept. */
	back: (event) => runForm(event, async (data) => ({ values: formValues(data) })),
	create: (event) =>
		tooLargeForm(event) ??
		runForm(event, async (data) => {
			const input = { ...proposalFormInput(data), buurtId: event.params.id };
			const photos = await filesFromForm(data, 'photos');
			const r = await createProposal(event.locals.ctx, requireActor(event), input, photos);
			redirect(303, `/proposals/${r.id}?done=proposed`);
		})
};
