import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { saveQuestion } from '$lib/server/reports';

/** Staff: add or change a question of the category (by its code). */
export const POST = apiHandler(async (event, actor) => saveQuestion(event.locals.ctx, actor, { ...(await jsonInput(event)), categoryId: event.params.id }));
