import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { getProposalDetail, editProposal, filesFromForm } from '$lib/server/proposals';
import { proposalFormInput, tooLargeForm } from '$lib/server/web/proposal-forms';
import { orNotFound, pageLoad } from '$lib/server/web/input';
import { formRules } from '$lib/server/web/moderation-targets';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const p = await orNotFound(getProposalDetail(ctx.db, actor, event.params.id, ctx.clock()));
	if (!p.can.edit) error(404, 'not_found');
	// The house rules beside the form (a link; moderation).
	const rules = await formRules(ctx.db, actor, p.buurtId);
	return { proposal: p, idempotencyKey: (await formKeys(event, ['edit'])).edit, rules: rules && { ...rules, firstTime: false } };
});

export const actions: Actions = {
	default: (event) =>
		tooLargeForm(event) ??
		runForm(event, async (data) => {
			const input = { ...proposalFormInput(data), proposalId: event.params.id };
			delete (input as Record<string, unknown>).buurtId;
			const remove = data.getAll('removePhoto').filter((x): x is string => typeof x === 'string');
			await editProposal(event.locals.ctx, requireActor(event), input, await filesFromForm(data, 'photos'), remove);
			redirect(303, `/proposals/${event.params.id}?done=edited`);
		})
};
