import type { Actions, PageServerLoadEvent } from './$types';
import { pageLoad } from '$lib/server/web/input';
import { answersFromForm, runSurveyForm } from '$lib/server/web/survey-forms';
import { getInvitationSurvey, submitInvitationResponse } from '$lib/server/voice';

/** A household's personal invitation link (from a letter or its QR code): answer without logging in. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { ctx } = event.locals;
	return await getInvitationSurvey(ctx.db, event.params.token, ctx.clock());
});

export const actions: Actions = {
	answer: (event) =>
		runSurveyForm(event, async (data) => {
			const r = await submitInvitationResponse(event.locals.ctx, { token: event.params.token, answers: answersFromForm(data) });
			return { sent: true, replaced: r.replaced };
		})
};
