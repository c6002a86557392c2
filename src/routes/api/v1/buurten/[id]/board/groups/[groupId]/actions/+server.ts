import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { actOnGroup } from '$lib/server/board';

/** join, leave, approve, decline, hand_over, close. */
export const POST = apiHandler(async (event, actor) => actOnGroup(event.locals.ctx, actor, { ...(await jsonInput(event)), buurtId: event.params.id, groupId: event.params.groupId }));
