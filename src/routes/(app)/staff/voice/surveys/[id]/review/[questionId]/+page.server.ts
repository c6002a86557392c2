import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { listOpenAnswers, publishOpenAnswers, reviewOpenAnswer } from '$lib/server/voice';

/** Staff review one open question's answers (show, take out names and addresses, or hide), then publish them. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	return { ...(await listOpenAnswers(ctx.db, actor, { surveyId: event.params.id, questionId: event.params.questionId }, ctx.clock(), event.locals.locale)), done: doneParam(event.url, ['reviewed', 'published_open']) };
});

const here = (p: { id: string; questionId: string }, done: string) => redirect(303, `/staff/voice/surveys/${p.id}/review/${p.questionId}?done=${done}`);

export const actions: Actions = {
	review: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await reviewOpenAnswer(event.locals.ctx, actor, { surveyId: event.params.id, questionId: event.params.questionId, ...formFields(data, ['answerId', 'decision', 'shownText']) });
			here(event.params, 'reviewed');
		}),
	publish: (event) =>
		runForm(event, async () => {
			const { actor } = requireStaff(event);
			await publishOpenAnswers(event.locals.ctx, actor, { surveyId: event.params.id, questionId: event.params.questionId });
			here(event.params, 'published_open');
		})
};
