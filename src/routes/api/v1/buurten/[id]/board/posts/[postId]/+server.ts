import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { deletePost, editPost, getPost, presentPostWithReplies } from '$lib/server/board';

const target = (p: Partial<Record<string, string>>) => ({ buurtId: p.id, postId: p.postId });

/** A post with its replies. */
export const GET = apiHandler(async (event, actor) => presentPostWithReplies(await getPost(event.locals.ctx.db, actor, target(event.params))));

/** The author edits the text (and kind). */
export const PATCH = apiHandler(async (event, actor) => editPost(event.locals.ctx, actor, { ...(await jsonInput(event)), ...target(event.params) }));

/** The author deletes it; staff of the corporation delete one (audited). */
export const DELETE = apiHandler(async (event, actor) => deletePost(event.locals.ctx, actor, target(event.params)));
