import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { updateCategory } from '$lib/server/reports';

/** Staff: change a category. */
export const PATCH = apiHandler(async (event, actor) => updateCategory(event.locals.ctx, actor, { ...(await jsonInput(event)), categoryId: event.params.id }));
