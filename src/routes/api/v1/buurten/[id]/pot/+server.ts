import { apiHandler } from '$lib/server/web/api';
import { getPotOverview, presentPot } from '$lib/server/pot';

/** Balances, pending rewards, movements (?before= for older) and who earned what (named only with consent). */
export const GET = apiHandler(async (event, actor) =>
	presentPot(await getPotOverview(event.locals.ctx.db, actor, { buurtId: event.params.id, before: event.url.searchParams.get('before') ?? undefined }))
);
