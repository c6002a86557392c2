import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseAddress } from './address-choice';
import type { LocatieserverOptions } from '$lib/server/places';
import { startLocatieserverFixture, type LocatieserverFixture } from '../../../../tests/fixtures/locatieserver/server';

let pdok: LocatieserverFixture;
let service: LocatieserverOptions;
beforeAll(async () => {
	pdok = await startLocatieserverFixture();
	service = { baseUrl: pdok.url, timeoutMs: 1000 };
});
afterAll(() => pdok.close());

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};

describe('choosing an address without JavaScript', () => {
	it('takes the one address that fits, and offers radio buttons when several fit', async () => {
		const one = await chooseAddress(form({ address: 'Eikenlaan 7' }), { service });
		expect([one.chosen?.weergavenaam, one.candidates, one.errors]).toEqual(['Eikenlaan 7, 9999AB Noaberveen', [], {}]);

		const several = await chooseAddress(form({ address: 'Lindehof 3' }), { service });
		expect(several.chosen).toBeNull();
		expect(several.candidates.map((c) => c.label)).toEqual(['Lindehof 3, 9999AA Noaberveen', 'Lindehof 3A, 9999AA Noaberveen']);
		expect(several.errors).toEqual({ addressId: 'places.address_choose' });

		// The next send carries the choice, looked up again by its id.
		const picked = await chooseAddress(form({ address: 'Lindehof 3', addressFor: 'Lindehof 3', addressId: several.candidates[1].value }), { service });
		expect([picked.chosen?.huisletter, picked.errors]).toEqual(['A', {}]);
		expect(pdok.requests.at(-1)!.path).toBe('/ok/lookup');
	});

	it('ignores an old choice when the text was changed since, and a forged id is not found', async () => {
		const [three] = (await chooseAddress(form({ address: 'Lindehof 3' }), { service })).candidates;
		const changed = await chooseAddress(form({ address: 'Beukenhof 9', addressFor: 'Lindehof 3', addressId: three.value }), { service });
		expect(changed.chosen?.weergavenaam).toBe('Beukenhof 9, 9999BA Noaberveen');
		const forged = await chooseAddress(form({ address: 'x', addressFor: 'x', addressId: 'adr-00000000000000000000000000000000' }), { service });
		expect([forged.chosen, forged.errors]).toEqual([null, { address: 'places.address_not_found' }]);
	});

	it('answers with a message next to the field, never an error page: nothing found, bad text, service down', async () => {
		expect((await chooseAddress(form({ address: 'Kalverstraat 1' }), { service })).errors).toEqual({ address: 'places.address_none_found' });
		expect((await chooseAddress(form({}), { service })).errors).toEqual({ address: 'places.address_query_invalid' });
		expect((await chooseAddress(form({ address: 'Lindehof\u0001 1' }), { service })).errors).toEqual({ address: 'validation.control_chars' });
		const down = await chooseAddress(form({ address: 'Lindehof 1' }), { service: { baseUrl: `${pdok.origin}/down`, timeoutMs: 500 } });
		expect([down.query, down.errors]).toEqual(['Lindehof 1', { address: 'places.address_search_unavailable' }]);
	});
});
