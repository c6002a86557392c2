import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { myModerationHistory } from '$lib/server/moderation';

/** A member's own moderation history: what happened to their reported words, and their warnings and suspensions. */
export const load = pageLoad(async (event: PageServerLoadEvent) => myModerationHistory(event.locals.ctx.db, requireActor(event), event.locals.ctx.clock()));
