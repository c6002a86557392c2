import { describe, expect, it } from 'vitest';
import { mapOnPage, withImgSources } from './map';
import { parseInput } from '../shared/validate';
import { pointSchema } from '../places';
import { DomainError } from '../shared/errors';

const policy = "default-src 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'";

describe('the map on a page', () => {
	it("adds the tile server to img-src of that page's policy only, and nothing else", () => {
		const locals = {} as App.Locals;
		const settings = mapOnPage({ locals });
		expect(settings.tiles).toBe('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png');
		expect(settings.attribution).toBe('Kaartgegevens © Kadaster');
		mapOnPage({ locals });
		expect(locals.cspImgSrc).toEqual(['https://service.pdok.nl']);
		expect(withImgSources(policy, locals.cspImgSrc!)).toBe("default-src 'self'; img-src 'self' data: https://service.pdok.nl; object-src 'none'; script-src 'self'");
	});

	it('creates img-src when missing, adds a source once, and refuses anything that is not an origin', () => {
		expect(withImgSources("default-src 'self'", ['http://127.0.0.1:8080'])).toBe("default-src 'self'; img-src 'self' http://127.0.0.1:8080");
		const once = withImgSources(policy, ['https://a.example']);
		expect(withImgSources(once, ['https://a.example'])).toBe(once);
		for (const bad of ["https://a.example; script-src 'unsafe-inline'", '*', 'https://a.example/path', "'unsafe-eval'"]) expect(withImgSources(policy, [bad])).toBe(policy);
	});

	it('reads a point from lat/lon inputs, with a Dutch comma or a dot, and names the bad one', () => {
		expect(parseInput(pointSchema, { lat: '52,2215', lon: ' 6.8937 ' })).toEqual({ lat: 52.2215, lon: 6.8937 });
		expect(parseInput(pointSchema, { lat: '-33.9', lon: '151.2' })).toEqual({ lat: -33.9, lon: 151.2 });
		const fields = (input: unknown) => {
			try {
				parseInput(pointSchema, input);
				return null;
			} catch (e) {
				return (e as DomainError).fields;
			}
		};
		expect(fields({ lat: '91', lon: '6' })).toEqual({ lat: 'places.invalid_latitude' });
		expect(fields({ lat: '52', lon: '1e3' })).toEqual({ lon: 'places.invalid_longitude' });
		expect(fields({ lat: 'honderd', lon: '' })).toEqual({ lat: 'places.invalid_latitude', lon: 'places.invalid_longitude' });
		expect(fields({ lat: '52.1.2', lon: 'NaN' })).toEqual({ lat: 'places.invalid_latitude', lon: 'places.invalid_longitude' });
	});
});
