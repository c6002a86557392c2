import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { getRound, castBallot, getMyBallot, closeRound } from '$lib/server/rounds';
import { formChoices, runListForm } from '$lib/server/web/round-forms';
import { orNotFound, pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const round = await orNotFound(getRound(ctx.db, actor, event.params.id, now));
	const ballot = await getMyBallot(ctx.db, actor, round.id, now);
	return { round, ballot, done: event.url.searchParams.get('done') };
});

export const actions: Actions = {
	vote: (event) =>
		runListForm(event, ['choices'], async (data) => {
			await castBallot(event.locals.ctx, requireActor(event), { roundId: event.params.id, choices: formChoices(data) });
			redirect(303, `/rounds/${event.params.id}?done=voted`);
		}),
	close: (event) =>
		runForm(event, async () => {
			await closeRound(event.locals.ctx, requireActor(event), { roundId: event.params.id });
			redirect(303, `/rounds/${event.params.id}/results?done=closed`);
		})
};
