import type { Actions, PageServerLoadEvent } from './$types';
import { runForm, str } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { requireAssociation } from '$lib/server/web/listen-forms';
import { answerAdviceRequest, getAdviceRequest, setAdvicePublication } from '$lib/server/voice';

/** One advice request as the association sees it: answer it, read the reply, choose whether members see it. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireAssociation(event);
	const { ctx } = event.locals;
	return { request: await getAdviceRequest(ctx.db, actor, event.params.id, ctx.clock()) };
});

export const actions: Actions = {
	answer: (event) =>
		runForm(event, async (data) => {
			const actor = requireAssociation(event);
			await answerAdviceRequest(event.locals.ctx, actor, {
				requestId: event.params.id,
				position: str(data, 'position'),
				advice: str(data, 'advice') ?? '',
				reasons: str(data, 'reasons') ?? '',
				publishReply: data.get('publishReply') === 'on'
			});
			return { done: 'answered' };
		}),
	publication: (event) =>
		runForm(event, async (data) => {
			const actor = requireAssociation(event);
			const r = await setAdvicePublication(event.locals.ctx, actor, { requestId: event.params.id, publishReply: str(data, 'publishReply') === 'true' });
			return { done: r.publishReply ? 'published' : 'unpublished' };
		})
};
