import { apiHandler } from '$lib/server/web/api';
import { deleteComment } from '$lib/server/proposals';

/** The author removes their own comment. */
export const DELETE = apiHandler(async (event, actor) => deleteComment(event.locals.ctx, actor, { proposalId: event.params.id, commentId: event.params.commentId }));
