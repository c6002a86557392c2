import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { answerSatisfaction } from '$lib/server/reports';

/** The reporter: `{ score: 1–5, comment? }`, once. */
export const POST = apiHandler(async (event, actor) => answerSatisfaction(event.locals.ctx, actor, { ...(await jsonInput(event)), reportId: event.params.id }));
