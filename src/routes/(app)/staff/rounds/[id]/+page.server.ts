import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { formFields, orNotFound, pageLoad } from '$lib/server/web/input';
import { cancelRound, getRound, enterPaperBallot, closeRound, closeRoundEarly, compareIds } from '$lib/server/rounds';
import { formChoices, runListForm } from '$lib/server/web/round-forms';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const round = await orNotFound(getRound(ctx.db, actor, event.params.id, ctx.clock()));
	if (!round.can.manage) error(404, 'not_found');
	// Paper ballots list the proposals in the order of the paper form (by number).
	const paperOrder = [...round.proposals].sort((a, b) => compareIds(a.projectId, b.projectId));
	return { round, paperOrder, done: event.url.searchParams.get('done'), entered: event.url.searchParams.get('entered') };
});

export const actions: Actions = {
	paper: (event) =>
		runListForm(event, ['choices'], async (data) => {
			const actor = requireActor(event);
			const v = formFields(data, ['postcode', 'houseNumber', 'addition']);
			const r = await enterPaperBallot(event.locals.ctx, actor, { roundId: event.params.id, postcode: v.postcode, houseNumber: v.houseNumber, addition: v.addition ?? '', choices: formChoices(data) });
			redirect(303, `/staff/rounds/${event.params.id}?done=paper&entered=${r.enteredByYou}`);
		}),
	close: (event) =>
		runForm(event, async () => {
			const actor = requireActor(event);
			await closeRound(event.locals.ctx, actor, { roundId: event.params.id });
			redirect(303, `/rounds/${event.params.id}/results?done=closed`);
		}),
	closeEarly: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			await closeRoundEarly(event.locals.ctx, actor, { roundId: event.params.id, reason: formFields(data, ['reason']).reason });
			redirect(303, `/rounds/${event.params.id}/results?done=closed`);
		}),
	cancel: (event) =>
		runForm(event, async () => {
			const actor = requireActor(event);
			await cancelRound(event.locals.ctx, actor, { roundId: event.params.id });
			redirect(303, `/staff/rounds/${event.params.id}?done=cancelled`);
		})
};
