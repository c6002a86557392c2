import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { houseRulesOf } from '$lib/server/moderation';

/** The house rules of the corporation(s) the person belongs to: their own text or the default. */
export const load = pageLoad(async (event: PageServerLoadEvent) => ({ rules: await houseRulesOf(event.locals.ctx.db, requireActor(event)) }));
