import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { plainText } from '../shared/text';
import { parseInput } from '../shared/validate';
import { config } from '../config';

/**
 * A client for the PDOK Locatieserver (BAG addresses of the whole country, free, no key):
 * `searchAddresses` for what a person types, `lookupAddress` for one chosen id.
 *
 * - Base URL from LOCATIESERVER_URL (config.ts), so tests and a local mirror can stand in;
 *   every call is cut off after LOCATIESERVER_TIMEOUT_MS.
 * - The answer is checked with zod in the shape the service returns
 *   (`{ response: { numFound, start, maxScore, docs: […] } }`). A timeout, a refused connection,
 *   a status other than 200, JSON that does not parse or a shape that does not fit is one error,
 *   `places.address_search_unavailable` (503, `details.reason` says which for the log): never a 500.
 * - Bad input (`places.address_query_invalid`, `places.address_not_found`) is checked before any
 *   call; the person's text is stripped of Solr query syntax first, so it is only ever words.
 */

export interface LocatieserverOptions {
	/** e.g. https://api.pdok.nl/bzk/locatieserver/search/v3_1 (no trailing slash needed). */
	baseUrl: string;
	timeoutMs: number;
}

/** One BAG address, as the Locatieserver names its parts. */
export interface PdokAddress {
	/** The Locatieserver's own id (`adr-…`), for `lookupAddress`. */
	id: string;
	/** "Lindelaan 12A-2, 3581AB Utrecht" — what a person reads. */
	weergavenaam: string;
	straatnaam: string;
	huisnummer: number;
	huisletter: string | null;
	huisnummertoevoeging: string | null;
	/** "3581AB" as PDOK writes it; null for the few addresses without one. */
	postcode: string | null;
	woonplaatsnaam: string;
	/** BAG ids: the verblijfsobject (the home) and the nummeraanduiding (its address), 16 digits each. */
	adresseerbaarobjectId: string;
	nummeraanduidingId: string;
	/** CBS codes in the form places uses: GM0344, WK034403, BU03440300 (null where PDOK has none). */
	gemeentecode: string;
	wijkcode: string | null;
	buurtcode: string | null;
	/** From `centroide_ll` ("POINT(lon lat)", WGS84). */
	point: { lat: number; lon: number };
}

/** The fields asked for (`fl`), so the answer carries exactly what PdokAddress needs. */
const FIELDS = 'id type weergavenaam straatnaam huisnummer huisletter huisnummertoevoeging postcode woonplaatsnaam adresseerbaarobject_id nummeraanduiding_id gemeentecode wijkcode buurtcode centroide_ll';

/** "POINT(5.12 52.09)" → { lat, lon }; anything else fails. */
export function parseWktPoint(wkt: string): { lat: number; lon: number } | null {
	const m = /^\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$/i.exec(wkt);
	if (!m) return null;
	const lon = Number(m[1]);
	const lat = Number(m[2]);
	return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

const text = z.string().trim().min(1);
const optionalText = z.string().trim().optional().nullable();
const docSchema = z.object({
	id: text,
	type: z.literal('adres'),
	weergavenaam: text,
	straatnaam: text,
	huisnummer: z.number().int().positive(),
	huisletter: optionalText,
	huisnummertoevoeging: optionalText,
	postcode: optionalText,
	woonplaatsnaam: text,
	adresseerbaarobject_id: z.string().regex(/^[0-9]{16}$/),
	nummeraanduiding_id: z.string().regex(/^[0-9]{16}$/),
	gemeentecode: z.string().regex(/^(GM)?[0-9]{4}$/),
	wijkcode: z.string().regex(/^WK[0-9A-Z]{6}$/).optional().nullable(),
	buurtcode: z.string().regex(/^BU[0-9A-Z]{8}$/).optional().nullable(),
	centroide_ll: z.string().transform((v, c) => parseWktPoint(v) ?? (c.addIssue({ code: 'custom', message: 'not a WKT point' }), z.NEVER))
});
const responseSchema = z.object({
	response: z.object({
		numFound: z.number().int().nonnegative(),
		start: z.number().int().nonnegative(),
		maxScore: z.number().optional().nullable(),
		docs: z.array(z.unknown())
	})
});

const toAddress = (d: z.infer<typeof docSchema>): PdokAddress => ({
	id: d.id,
	weergavenaam: d.weergavenaam,
	straatnaam: d.straatnaam,
	huisnummer: d.huisnummer,
	huisletter: d.huisletter || null,
	huisnummertoevoeging: d.huisnummertoevoeging || null,
	postcode: d.postcode || null,
	woonplaatsnaam: d.woonplaatsnaam,
	adresseerbaarobjectId: d.adresseerbaarobject_id,
	nummeraanduidingId: d.nummeraanduiding_id,
	gemeentecode: d.gemeentecode.startsWith('GM') ? d.gemeentecode : `GM${d.gemeentecode}`,
	wijkcode: d.wijkcode ?? null,
	buurtcode: d.buurtcode ?? null,
	point: d.centroide_ll
});

const unavailable = (reason: string, extra: Record<string, unknown> = {}) => new DomainError('places.address_search_unavailable', { reason, ...extra });

/** One GET to the service, answered as its docs in our shape. */
async function call(opts: LocatieserverOptions, path: 'free' | 'lookup', params: Record<string, string>): Promise<PdokAddress[]> {
	const url = new URL(`${opts.baseUrl.replace(/\/+$/, '')}/${path}`);
	for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
	let body: string;
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs), headers: { accept: 'application/json' }, redirect: 'error' });
		if (res.status !== 200) {
			await res.body?.cancel();
			throw unavailable('status', { status: res.status });
		}
		body = await res.text();
	} catch (err) {
		if (err instanceof DomainError) throw err;
		const name = (err as { name?: string }).name;
		throw unavailable(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
	}
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		throw unavailable('malformed');
	}
	const envelope = responseSchema.safeParse(json);
	if (!envelope.success) throw unavailable('shape');
	const docs = envelope.data.response.docs.map((d) => docSchema.safeParse(d));
	const good = docs.flatMap((d) => (d.success ? [toAddress(d.data)] : []));
	// Some docs may be of another kind; none fitting at all means the service changed its shape.
	if (docs.length > 0 && good.length === 0) throw unavailable('shape');
	return good;
}

/** Solr's query syntax (and anything else that is not part of an address) becomes a space. */
export const addressWords = (q: string) =>
	q
		.replace(/[^\p{L}\p{N}\s'.,-]/gu, ' ')
		.replace(/(^|\s)-+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

export const addressQuerySchema = z.object({
	q: plainText()
		.max(200, 'places.address_query_invalid')
		.transform(addressWords)
		.refine((v) => v.length >= 2, 'places.address_query_invalid')
});

/** A Locatieserver address id: `adr-` and 32 hex digits. */
export const addressIdPattern = /^adr-[0-9a-f]{32}$/;

/** Up to 10 addresses for what a person typed, best first. */
export async function searchAddresses(opts: LocatieserverOptions, input: { q: string }): Promise<PdokAddress[]> {
	const { q } = parseInput(addressQuerySchema, input);
	return call(opts, 'free', { q, fq: 'type:adres', rows: '10', fl: FIELDS });
}

/** One address by its Locatieserver id, or `places.address_not_found`. */
export async function lookupAddress(opts: LocatieserverOptions, input: { id: string }): Promise<PdokAddress> {
	// A malformed id is as unknown as a missing one.
	const id = typeof input.id === 'string' ? input.id.trim() : '';
	if (!addressIdPattern.test(id)) throw new DomainError('places.address_not_found');
	const [found] = await call(opts, 'lookup', { id, fl: FIELDS });
	if (!found || found.id !== id) throw new DomainError('places.address_not_found');
	return found;
}

/** The options from the environment (LOCATIESERVER_URL, LOCATIESERVER_TIMEOUT_MS). */
export const locatieserverOptions = (): LocatieserverOptions => ({ baseUrl: config().LOCATIESERVER_URL, timeoutMs: config().LOCATIESERVER_TIMEOUT_MS });
