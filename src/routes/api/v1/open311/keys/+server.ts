import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { issueOpen311Key, listOpen311Keys, presentKey } from '$lib/server/open311';

/** Staff: the corporation's Open311 keys (?corporationId=), without secrets. */
export const GET = apiHandler(async (event, actor) => ({ keys: (await listOpen311Keys(event.locals.ctx.db, actor, Object.fromEntries(event.url.searchParams))).map(presentKey) }));

/** Staff: `{ organisationId, contactId, label? }` → the key, shown once. */
export const POST = apiHandler(async (event, actor) => presentKey(await issueOpen311Key(event.locals.ctx, actor, await jsonInput(event))), { status: 201 });
