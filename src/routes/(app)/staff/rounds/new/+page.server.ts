import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { orNotFound, pageLoad } from '$lib/server/web/input';
import { formKeys, requireActor } from '$lib/server/web/forms';
import { openRound, prepareRound, toLocalInput } from '$lib/server/rounds';
import { openRoundInput, renameFields, runListForm } from '$lib/server/web/round-forms';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const buurtId = event.url.searchParams.get('buurt') ?? '';
	if (!uuid.test(buurtId)) redirect(303, '/staff/rounds');
	const now = ctx.clock();
	const prepared = await orNotFound(prepareRound(ctx.db, actor, buurtId, now));
	// Defaults: open now, close in two weeks at 20:00.
	const close = new Date(now.getTime() + 14 * 24 * 3600 * 1000);
	const closesAt = `${toLocalInput(close).slice(0, 10)}T20:00`;
	return { ...prepared, defaults: { opensAt: toLocalInput(now), closesAt }, idempotencyKey: (await formKeys(event, ['open'])).open };
});

export const actions: Actions = {
	default: (event) =>
		runListForm(event, ['proposalIds'], async (data) => {
			const actor = requireActor(event);
			const buurtId = event.url.searchParams.get('buurt') ?? '';
			if (!uuid.test(buurtId)) error(404, 'not_found');
			try {
				const r = await openRound(event.locals.ctx, actor, openRoundInput(data, buurtId));
				redirect(303, `/staff/rounds/${r.id}?done=opened`);
			} catch (err) {
				throw renameFields(err, { budgetCents: 'budget' });
			}
		})
};
