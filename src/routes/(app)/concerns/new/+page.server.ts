import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { formFields, pageLoad } from '$lib/server/web/input';
import { DomainError } from '$lib/server/shared/errors';
import { concernCategories, concernPlaces, mayRaiseConcerns, raiseConcern } from '$lib/server/concerns';

/**
 * The raise form. The home is chosen, never typed: a member from their own complex, a supplier's
 * worker from their work orders, staff after choosing a complex (a GET form, so it works
 * without JavaScript). Anyone who may not raise a concern gets a 404.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	if (!mayRaiseConcerns(actor)) throw new DomainError('concerns.forbidden');
	const { ctx } = event.locals;
	const complexId = event.url.searchParams.get('complexId');
	const places = await concernPlaces(ctx.db, actor, ctx.clock(), complexId && /^[0-9a-f-]{36}$/i.test(complexId) ? complexId : null);
	return { places, complexId, categories: [...concernCategories], keys: await formKeys(event, ['raise']) };
});

export const actions: Actions = {
	raise: (event) =>
		runForm(event, async (data) => {
			const input = { ...formFields(data, ['unitId', 'category', 'body', 'idempotencyKey']), mayContact: data.get('mayContact') === 'on' };
			const r = await raiseConcern(event.locals.ctx, requireActor(event), input);
			redirect(303, `/concerns/${r.id}?raised=1`);
		})
};
