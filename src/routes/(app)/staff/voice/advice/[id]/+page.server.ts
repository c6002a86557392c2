import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { doneParam, pageLoad } from '$lib/server/web/input';
import { closeAdviceRequest, getAdviceRequest, replyToAdvice } from '$lib/server/voice';

/** One advice request as the corporation sees it: the answer, the reasoned reply, closing. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	return { request: await getAdviceRequest(ctx.db, actor, event.params.id, ctx.clock()), done: doneParam(event.url, ['sent']) };
});

export const actions: Actions = {
	reply: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await replyToAdvice(event.locals.ctx, actor, { requestId: event.params.id, outcome: str(data, 'outcome'), reasons: str(data, 'reasons') ?? '' });
			return { done: 'replied' };
		}),
	close: (event) =>
		runForm(event, async () => {
			const { actor } = requireStaff(event);
			await closeAdviceRequest(event.locals.ctx, actor, { requestId: event.params.id });
			return { done: 'closed' };
		})
};
