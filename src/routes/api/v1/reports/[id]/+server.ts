import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { editReport, getReportDetail, presentReportDetail, presentTransition } from '$lib/server/reports';

/** One report as the actor may see it, with the actions they can take now. */
export const GET = apiHandler(async (event, actor) => presentReportDetail(await getReportDetail(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())));

/** The reporter, while it is new: `{ description?, answers?, hideName? }`. */
export const PATCH = apiHandler(async (event, actor) => presentTransition(await editReport(event.locals.ctx, actor, { ...(await jsonInput(event)), reportId: event.params.id })));
