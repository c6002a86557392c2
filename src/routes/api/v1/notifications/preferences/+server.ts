import { apiHandler, readJson } from '$lib/server/web/api';
import { getPreferences, presentPreferences, setPreferences } from '$lib/server/notifications';

export const GET = apiHandler(async (event, actor) => presentPreferences(await getPreferences(event.locals.ctx, actor)));

export const PUT = apiHandler(async (event, actor) => presentPreferences(await setPreferences(event.locals.ctx, actor, await readJson(event))));
