import { apiHandler } from '$lib/server/web/api';
import { presentMe } from '$lib/server/api/presenters';

export const GET = apiHandler(async (_event, actor) => presentMe(actor));
