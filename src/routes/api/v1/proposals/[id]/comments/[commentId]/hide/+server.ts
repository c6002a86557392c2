import { apiHandler } from '$lib/server/web/api';
import { hideComment } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

/** Staff of the corporation: `{ reason }` — hide the comment; everyone reads the reason instead. */
export const POST = apiHandler(async (event, actor) => {
	const { input } = await apiInput(event);
	return hideComment(event.locals.ctx, actor, { reason: input.reason, proposalId: event.params.id, commentId: event.params.commentId });
});
