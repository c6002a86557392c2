import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { formFields, pageLoad } from '$lib/server/web/input';
import { careDayparts, careDays, careFormPlaces, careOrganisationsOf, createCareRequest } from '$lib/server/care';

/**
 * A care provider asks the buurt's vetted helpers for support for a client, with the consent
 * record. The place is one choice (a buurt, or a complex in it); days and dayparts are
 * checkboxes named one by one (day_mon…), so every tick survives a mistake.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	if (!careOrganisationsOf(actor).length) error(404, 'not_found');
	const { ctx } = event.locals;
	return { places: await careFormPlaces(ctx.db, actor), keys: await formKeys(event, ['create']), today: ctx.clock().toISOString().slice(0, 10) };
});

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			const v = formFields(data, ['organisationId', 'place', 'need', 'availabilityNote', 'frequency', 'weeks', 'consentGivenOn', 'consentGivenBy', 'consentExpiresOn', 'consentStatement', 'idempotencyKey']);
			// place = "<buurtId>" or "<buurtId>/<complexId>"
			const [buurtId, complexId] = (v.place ?? '').split('/');
			const created = await createCareRequest(event.locals.ctx, actor, {
				...v,
				buurtId: buurtId || undefined,
				complexId: complexId || undefined,
				days: careDays.filter((d) => data.get(`day_${d}`)),
				dayparts: careDayparts.filter((d) => data.get(`part_${d}`))
			});
			redirect(303, `/care/${created.id}?done=created`);
		})
};
