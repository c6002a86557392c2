import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { answersFromForm, runSurveyForm } from '$lib/server/web/survey-forms';
import { getSurveyForAnswer, submitResponse } from '$lib/server/voice';

/** A survey to answer for the household (sending again replaces the household's answers). */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	return await getSurveyForAnswer(ctx.db, actor, event.params.id, ctx.clock());
});

export const actions: Actions = {
	answer: (event) =>
		runSurveyForm(event, async (data) => {
			const r = await submitResponse(event.locals.ctx, requireActor(event), { surveyId: event.params.id, answers: answersFromForm(data) });
			return { sent: true, replaced: r.replaced };
		})
};
