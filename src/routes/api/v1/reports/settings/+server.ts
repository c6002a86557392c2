import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { saveReportSettings } from '$lib/server/reports';

/** Staff: `{ corporationId, retentionMonths }`. */
export const PUT = apiHandler(async (event, actor) => saveReportSettings(event.locals.ctx, actor, await jsonInput(event)));
