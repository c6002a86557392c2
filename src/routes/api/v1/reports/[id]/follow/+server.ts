import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { followReport, unfollowReport } from '$lib/server/reports';

/** Follow; `{ support: true }` also counts you as a supporter. */
export const POST = apiHandler(async (event, actor) => followReport(event.locals.ctx, actor, { ...(await jsonInput(event)), reportId: event.params.id }));

export const DELETE = apiHandler(async (event, actor) => unfollowReport(event.locals.ctx, actor, { reportId: event.params.id }));
