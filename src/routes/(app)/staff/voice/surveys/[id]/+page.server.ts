import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { addQuestion, amsterdamDay, closeSurvey, getSurveyForStaff, publishSurvey, removeQuestion, updateSurvey } from '$lib/server/voice';

/** One survey for staff: edit the draft and its questions, publish, follow the response, close, and go on to paper forms, letters, results and review. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	const s = await getSurveyForStaff(ctx.db, actor, event.params.id, ctx.clock());
	return {
		...s,
		opensOn: amsterdamDay(new Date(s.survey.opens_at)),
		closesOn: amsterdamDay(new Date(new Date(s.survey.closes_at).getTime() - 1000)),
		done: doneParam(event.url, ['created', 'saved', 'added', 'removed', 'published', 'closed', 'paper'])
	};
});

const back = (id: string, done: string) => redirect(303, `/staff/voice/surveys/${id}?done=${done}`);

export const actions: Actions = {
	save: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await updateSurvey(event.locals.ctx, actor, { surveyId: event.params.id, ...formFields(data, ['area', 'title', 'intro', 'opensOn', 'closesOn']), invitations: data.get('invitations') === 'on' });
			back(event.params.id, 'saved');
		}),
	addQuestion: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await addQuestion(event.locals.ctx, actor, { surveyId: event.params.id, ...formFields(data, ['kind', 'textNl', 'textEn', 'optionsNl', 'optionsEn']), required: data.get('required') === 'on' });
			back(event.params.id, 'added');
		}),
	removeQuestion: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await removeQuestion(event.locals.ctx, actor, { surveyId: event.params.id, ...formFields(data, ['questionId']) });
			back(event.params.id, 'removed');
		}),
	publish: (event) =>
		runForm(event, async () => {
			const { actor } = requireStaff(event);
			await publishSurvey(event.locals.ctx, actor, { surveyId: event.params.id });
			back(event.params.id, 'published');
		}),
	close: (event) =>
		runForm(event, async () => {
			const { actor } = requireStaff(event);
			await closeSurvey(event.locals.ctx, actor, { surveyId: event.params.id });
			back(event.params.id, 'closed');
		})
};
