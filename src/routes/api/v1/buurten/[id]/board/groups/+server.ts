import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { createGroup, listGroups, presentGroup } from '$lib/server/board';

/** The buurt's groups. */
export const GET = apiHandler(async (event, actor) => ({ groups: (await listGroups(event.locals.ctx.db, actor, { buurtId: event.params.id })).groups.map(presentGroup) }));

/** A member creates a group. */
export const POST = apiHandler(async (event, actor) => createGroup(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id }), { status: 201 });
