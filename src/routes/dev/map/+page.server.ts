import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { pointSchema, type PdokAddress } from '$lib/server/places';
import { chooseAddress } from '$lib/server/web/address-choice';
import { mapOnPage } from '$lib/server/web/map';
import { formValues } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { parseInput } from '$lib/server/shared/validate';
import { DomainError } from '$lib/server/shared/errors';

// DEVELOPMENT ONLY (demo mode; 404 in production): a try-out of the map (MapPicker) and the
// "choose your address" step for report forms, and what tests/e2e/map.test.ts drives. It stores
// nothing: it says back which place it understood.

const demoOnly = (event: { locals: App.Locals }) => {
	if (!event.locals.ctx.demo) error(404, 'not_found');
};

/** A few places in the demo's Lindebuurt, to show points. */
const points = [
	{ lat: 52.2226, lon: 6.8938, label: 'Lindehof 12' },
	{ lat: 52.2228, lon: 6.8949, label: 'Eikenlaan 7' }
];

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	demoOnly(event);
	return { map: mapOnPage(event), points, center: { lat: 52.2222, lon: 6.8942, zoom: 17 } };
});

type Place = { kind: 'point'; lat: number; lon: number } | { kind: 'address'; address: PdokAddress };

async function place(event: RequestEvent) {
	demoOnly(event);
	mapOnPage(event);
	const data = await event.request.formData().catch(() => new FormData());
	const values = formValues(data);
	const t = event.locals.t;
	const lat = values.lat?.trim() ?? '';
	const lon = values.lon?.trim() ?? '';
	if (lat || lon) {
		try {
			const p = parseInput(pointSchema, { lat, lon });
			return { values, received: { kind: 'point', ...p } satisfies Place };
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			const errors = Object.fromEntries(Object.entries(err.fields).map(([f, key]) => [f, t(`errors.${key}`)]));
			return fail(400, { values, errors, error: t('errors.form_has_errors'), candidates: [] });
		}
	}
	const choice = await chooseAddress(data);
	if (choice.chosen) return { values, received: { kind: 'address', address: choice.chosen } satisfies Place };
	const errors = Object.fromEntries(Object.entries(choice.errors).map(([f, key]) => [f, t(`errors.${key}`)]));
	return fail(400, { values, errors, error: t('errors.form_has_errors'), candidates: choice.candidates });
}

export const actions: Actions = {
	default: place
};
