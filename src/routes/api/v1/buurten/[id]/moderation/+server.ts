import { apiHandler } from '$lib/server/web/api';
import { listBuurtQueue, presentBuurtQueue } from '$lib/server/moderation';

/** What waits for review in the buurt (ambassadors of the buurt, staff of its corporation). */
export const GET = apiHandler(async (event, actor) => presentBuurtQueue(await listBuurtQueue(event.locals.ctx.db, actor, { buurtId: event.params.id })));
