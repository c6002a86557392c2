import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { DomainError } from '$lib/server/shared/errors';
import { mayRaiseConcerns, myConcerns } from '$lib/server/concerns';

/** The reporter's own concerns: when raised and whether picked up — never what was done. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	if (!mayRaiseConcerns(actor)) throw new DomainError('concerns.forbidden');
	const mine = await myConcerns(event.locals.ctx.db, actor);
	return { mine: mine.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), pickedUpAt: c.pickedUpAt?.toISOString() ?? null })) };
});
