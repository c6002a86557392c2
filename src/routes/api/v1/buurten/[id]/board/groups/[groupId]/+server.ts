import { apiHandler } from '$lib/server/web/api';
import { getGroup, presentGroupPage } from '$lib/server/board';

/** A group, its members and (for who may read them) its posts: ?before= pages them. */
export const GET = apiHandler(async (event, actor) =>
	presentGroupPage(await getGroup(event.locals.ctx.db, actor, { buurtId: event.params.id, groupId: event.params.groupId, before: event.url.searchParams.get('before') || undefined }, event.locals.ctx.clock()))
);
