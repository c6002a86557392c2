import { apiHandler } from '$lib/server/web/api';
import { getWallet, presentWallet } from '$lib/server/help';

/** What the actor earned for buurtpotten, per request and in total (?before= for older). */
export const GET = apiHandler(async (event, actor) =>
	presentWallet(await getWallet(event.locals.ctx.db, actor, { before: event.url.searchParams.get('before') ?? undefined }))
);
