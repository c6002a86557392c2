import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { deleteReply, editReply } from '$lib/server/board';

const target = (p: Partial<Record<string, string>>) => ({ buurtId: p.id, postId: p.postId, replyId: p.replyId });

/** The author edits their reply. */
export const PATCH = apiHandler(async (event, actor) => editReply(event.locals.ctx, actor, { ...(await jsonInput(event)), ...target(event.params) }));

/** The author deletes it; staff of the corporation delete one (audited). */
export const DELETE = apiHandler(async (event, actor) => deleteReply(event.locals.ctx, actor, target(event.params)));
