import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { formFields, pageLoad } from '$lib/server/web/input';
import { answersFromForm, runSurveyForm } from '$lib/server/web/survey-forms';
import { enterPaperResponse, getSurveyForStaff } from '$lib/server/voice';

/** Staff type in a household's paper form: the address, then the same questions as online. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	const s = await getSurveyForStaff(ctx.db, actor, event.params.id, ctx.clock());
	return { survey: { id: s.survey.id, title: s.survey.title, phase: s.survey.phase }, questions: s.questions, can: s.can };
});

export const actions: Actions = {
	enter: (event) =>
		runSurveyForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const r = await enterPaperResponse(event.locals.ctx, actor, { surveyId: event.params.id, ...formFields(data, ['postcode', 'houseNumber', 'addition']), answers: answersFromForm(data) });
			return { entered: r.enteredByYou };
		})
};
