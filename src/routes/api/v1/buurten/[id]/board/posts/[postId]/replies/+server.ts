import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { addReply } from '$lib/server/board';

/** Reply under a post; its author is told (board.reply). */
export const POST = apiHandler(async (event, actor) => addReply(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id, postId: event.params.postId }), { status: 201 });
