import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { addressWords, lookupAddress, parseWktPoint, searchAddresses, type LocatieserverOptions } from '.';
import { startLocatieserverFixture, type LocatieserverFixture } from '../../../../tests/fixtures/locatieserver/server';

let pdok: LocatieserverFixture;
let ok: LocatieserverOptions;
beforeAll(async () => {
	pdok = await startLocatieserverFixture({ slowMs: 1500 });
	ok = { baseUrl: pdok.url, timeoutMs: 1000 };
});
afterAll(() => pdok.close());

async function errorOf(p: Promise<unknown>): Promise<DomainError> {
	const e = await p.then(() => null, (err: unknown) => err);
	if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
	return e;
}

describe('the PDOK Locatieserver client', () => {
	it('searches addresses and parses the BAG ids, the CBS codes and the WKT point', async () => {
		const found = await searchAddresses(ok, { q: 'Lindehof 12' });
		expect(found).toHaveLength(1);
		const [a] = found;
		expect(a).toEqual({
			id: expect.stringMatching(/^adr-[0-9a-f]{32}$/),
			weergavenaam: 'Lindehof 12, 9999AA Noaberveen',
			straatnaam: 'Lindehof',
			huisnummer: 12,
			huisletter: null,
			huisnummertoevoeging: null,
			postcode: '9999AA',
			woonplaatsnaam: 'Noaberveen',
			adresseerbaarobjectId: expect.stringMatching(/^9999010\d{9}$/),
			nummeraanduidingId: expect.stringMatching(/^9999200\d{9}$/),
			gemeentecode: 'GM9999',
			wijkcode: 'WK999901',
			buurtcode: 'BU99990101',
			point: { lat: expect.closeTo(52.2226, 3), lon: expect.closeTo(6.8937, 3) }
		});
		// What was asked: the brief's query, only addresses, at most 10, only the fields we read.
		const asked = pdok.requests.at(-1)!;
		expect(asked.path).toBe('/ok/free');
		expect(asked.params).toMatchObject({ q: 'Lindehof 12', fq: 'type:adres', rows: '10' });
		expect(asked.params.fl.split(' ')).toEqual(expect.arrayContaining(['centroide_ll', 'buurtcode', 'adresseerbaarobject_id', 'nummeraanduiding_id']));
	});

	it('keeps house letters and additions, caps the list at 10, and finds nothing as an empty list', async () => {
		const three = await searchAddresses(ok, { q: 'lindehof 3 9999 aa' });
		expect(three.map((a) => [a.weergavenaam, a.huisletter, a.huisnummertoevoeging])).toEqual([
			['Lindehof 3, 9999AA Noaberveen', null, null],
			['Lindehof 3A, 9999AA Noaberveen', 'A', null]
		]);
		expect((await searchAddresses(ok, { q: 'Lindehof 5-2' })).map((a) => a.huisnummertoevoeging)).toContain('2');
		expect(await searchAddresses(ok, { q: 'Lindehof' })).toHaveLength(10);
		expect(await searchAddresses(ok, { q: 'Kalverstraat 1 Amsterdam' })).toEqual([]);
	});

	it('looks one address up by its id, and an unknown or malformed id is not found', async () => {
		const [a] = await searchAddresses(ok, { q: 'Beukenhof 4' });
		const again = await lookupAddress(ok, { id: a.id });
		expect(again).toEqual(a);
		expect(again.buurtcode).toBe('BU999901AB');
		expect(pdok.requests.at(-1)).toMatchObject({ path: '/ok/lookup', params: { id: a.id } });
		const before = pdok.requests.length;
		for (const id of ['adr-00000000000000000000000000000000', 'adr-x', "adr-1' OR 1=1", ''])
			expect((await errorOf(lookupAddress(ok, { id }))).code).toBe('places.address_not_found');
		// Only the well-formed one was sent.
		expect(pdok.requests.length).toBe(before + 1);
	});

	it('sends only words: query syntax is dropped, and empty or too long input is refused before any call', async () => {
		expect(addressWords('Lindehof 12 OR type:*  (foo) "bar" -baz ~1^2')).toBe('Lindehof 12 OR type foo bar baz 1 2');
		expect(addressWords("'s-Hertogenbosch, Markt 1-3")).toBe("'s-Hertogenbosch, Markt 1-3");
		await searchAddresses(ok, { q: 'Lindehof 1 && fq:type:weg' });
		expect(pdok.requests.at(-1)!.params.q).toBe('Lindehof 1 fq type weg');
		const before = pdok.requests.length;
		for (const q of ['', ' ', '*:*', 'x', 'a'.repeat(201), 'Lindehof\u0000 1']) {
			const e = await errorOf(searchAddresses(ok, { q }));
			expect(e.code).toBe('validation.invalid');
			expect(Object.keys(e.fields)).toEqual(['q']);
		}
		expect(pdok.requests.length).toBe(before);
	});

	it('turns a timeout, a 5xx, JSON that does not parse, another shape, a redirect and a closed port into one clear error', async () => {
		const cases: [string, string][] = [
			[`${pdok.origin}/slow`, 'timeout'],
			[`${pdok.origin}/down`, 'status'],
			[`${pdok.origin}/garbage`, 'malformed'],
			[`${pdok.origin}/shape`, 'shape'],
			[`${pdok.origin}/redirect`, 'network'],
			['http://127.0.0.1:9/nothing', 'network']
		];
		for (const [baseUrl, reason] of cases) {
			const started = Date.now();
			const e = await errorOf(searchAddresses({ baseUrl, timeoutMs: 300 }, { q: 'Lindehof 1' }));
			expect([baseUrl, e.code, e.details.reason]).toEqual([baseUrl, 'places.address_search_unavailable', reason]);
			expect(Date.now() - started).toBeLessThan(1200);
			expect((await errorOf(lookupAddress({ baseUrl, timeoutMs: 300 }, { id: 'adr-f1909d6437d21a1da35896950edf8e4c' }))).code).toBe('places.address_search_unavailable');
		}
	});

	it('parses WKT points and refuses anything else', () => {
		expect(parseWktPoint('POINT(5.12 52.09)')).toEqual({ lat: 52.09, lon: 5.12 });
		expect(parseWktPoint(' point ( -0.5  51.4 ) ')).toEqual({ lat: 51.4, lon: -0.5 });
		for (const bad of ['POINT(5.12)', 'POINT(200 52)', 'POINT(5 95)', 'LINESTRING(1 2, 3 4)', 'POINT(a b)', '']) expect(parseWktPoint(bad)).toBeNull();
	});
});
