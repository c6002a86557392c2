import { apiHandler } from '$lib/server/web/api';
import { revokeOpen311Key, presentKey } from '$lib/server/open311';

/** Staff: revoke a key of the corporation. */
export const DELETE = apiHandler(async (event, actor) => presentKey(await revokeOpen311Key(event.locals.ctx, actor, { id: event.params.id })));
