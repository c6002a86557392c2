import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { url } from './client';

/**
 * An Open311 GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2),
 * not from the server's code: it knows only the base path and the demo key the README shows, and
 * checks what any municipal system would rely on — discovery, the service list and definitions
 * in JSON and XML, a POST with the key, GET by id and by filters, and the spec's errors.
 */
const base = '/open311/v2';
const demoKey = /DEMO-open311-[A-Za-z0-9-]+/.exec(readFileSync('README.md', 'utf8'))?.[0];
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) });

interface Service { service_code: string; service_name: string; description?: string; metadata: boolean | string; type: string; keywords?: string; group?: string }
interface Attribute { variable: boolean; code: string; datatype: string; required: boolean; datatype_description?: string; order: number; description: string; values?: { key: string; name: string }[] }
interface Request { service_request_id: string; status: string; status_notes?: string | null; service_name?: string; service_code: string; description?: string | null; requested_datetime: string; updated_datetime?: string | null; lat?: number | string; long?: number | string }

const get = (path: string) => fetch(url(`${base}/${path}`));
async function json<T>(path: string, status = 200): Promise<T> {
	const r = await get(path);
	expect(r.status, `${path} → ${r.status}`).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^application\/json/);
	return (await r.json()) as T;
}
async function xmlOf(path: string, status = 200): Promise<Record<string, unknown>> {
	const r = await get(path);
	expect(r.status, `${path} → ${r.status}`).toBe(status);
	expect(r.headers.get('content-type')).toMatch(/^(text|application)\/xml/);
	return xml.parse(await r.text());
}
const post = (path: string, fields: Record<string, string>) =>
	fetch(url(`${base}/${path}`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

/** The spec's error body: a list of { code, description }. */
async function expectErrors(r: Response, status: number) {
	expect(r.status).toBe(status);
	const body = (await r.json()) as { code: number | string; description: string }[];
	expect(Array.isArray(body) && body.length > 0).toBe(true);
	expect(Number(body[0].code)).toBe(status);
	expect(body[0].description.length).toBeGreaterThan(0);
}

/** A value that fits an attribute, as a client fills a form from the definition. */
function answerFor(a: Attribute): string {
	if (a.values?.length) return a.values[0].key;
	if (a.datatype === 'number') return '2';
	if (a.datatype === 'datetime') return '2026-11-30T10:00:00+01:00';
	return 'Bij de ingang';
}

const isW3C = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s);

let services: Service[] = [];
beforeAll(async () => {
	services = await json<Service[]>('services.json');
});

describe('Open311 GeoReport v2, as an outside client sees it', () => {
	it('the README shows a demo API key', () => {
		expect(demoKey, 'README.md names the demo key').toBeTruthy();
	});

	it('discovery names the GeoReport v2 endpoint and its formats (JSON and XML)', async () => {
		const d = await json<{ changeset: string; contact: string; endpoints: { specification: string; url: string; type: string; formats: string[] }[] }>('discovery.json');
		const v2 = d.endpoints.find((e) => /GeoReport_v2/i.test(e.specification));
		expect(v2).toBeTruthy();
		expect(v2!.formats).toEqual(expect.arrayContaining(['text/xml', 'application/json']));
		const x = (await xmlOf('discovery.xml')) as { discovery: { endpoints: { endpoint: { specification: string }[] } } };
		expect(x.discovery.endpoints.endpoint.some((e) => /GeoReport_v2/i.test(e.specification))).toBe(true);
	});

	it('services: the same list in JSON and XML, each with the fields the spec names', async () => {
		expect(services.length).toBeGreaterThan(0);
		for (const s of services) {
			expect(s.service_code).toMatch(/\S/);
			expect(s.service_name).toMatch(/\S/);
			expect(['true', 'false', true, false]).toContain(s.metadata);
			expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
		}
		const x = (await xmlOf('services.xml')) as { services: { service: Service[] } };
		expect(x.services.service.map((s) => s.service_code).sort()).toEqual(services.map((s) => s.service_code).sort());
		// Burenoverlast is private between reporter and handler: never a public service.
		expect(services.map((s) => s.service_name.toLowerCase()).join(' ')).not.toMatch(/overlast/);
	});

	it('service definitions: attributes with code, datatype, required and order; lists have values', async () => {
		const withMeta = services.filter((s) => String(s.metadata) === 'true');
		expect(withMeta.length).toBeGreaterThan(0);
		for (const s of withMeta) {
			const def = await json<{ service_code: string; attributes: Attribute[] }>(`services/${encodeURIComponent(s.service_code)}.json`);
			expect(def.service_code).toBe(s.service_code);
			expect(def.attributes.length).toBeGreaterThan(0);
			for (const a of def.attributes) {
				expect(a.code).toMatch(/\S/);
				expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(a.datatype);
				expect(typeof a.required === 'boolean' || a.required === 'true' || a.required === 'false').toBe(true);
				if (a.datatype.endsWith('valuelist')) expect(a.values?.length).toBeGreaterThan(0);
			}
			const x = (await xmlOf(`services/${encodeURIComponent(s.service_code)}.xml`)) as { service_definition: { service_code: string; attributes: { attribute: Attribute[] } } };
			expect(x.service_definition.service_code).toBe(s.service_code);
			expect(x.service_definition.attributes.attribute.map((a) => a.code)).toEqual(def.attributes.map((a) => a.code));
		}
	});

	it('POST requests with the demo key makes a request that GET by id and by filters return', async () => {
		const s = services.find((x) => String(x.metadata) === 'true') ?? services[0];
		const def = String(s.metadata) === 'true' ? await json<{ attributes: Attribute[] }>(`services/${encodeURIComponent(s.service_code)}.json`) : { attributes: [] };
		const fields: Record<string, string> = {
			api_key: demoKey!,
			service_code: s.service_code,
			lat: '52.2216',
			long: '6.8938',
			description: 'Losliggende stoeptegels bij de ingang van het speeltuintje.'
		};
		for (const a of def.attributes) fields[`attribute[${a.code}]`] = answerFor(a);
		const r = await post('requests.json', fields);
		expect(r.status, await r.clone().text()).toBeLessThan(300);
		const [created] = (await r.json()) as { service_request_id?: string; token?: string }[];
		let id = created.service_request_id;
		if (!id && created.token) [{ service_request_id: id }] = await json<{ service_request_id: string }[]>(`tokens/${created.token}.json`);
		expect(id).toBeTruthy();

		const [one] = await json<Request[]>(`requests/${id}.json`);
		expect(one.service_request_id).toBe(id);
		expect(one.service_code).toBe(s.service_code);
		expect(one.status).toBe('open');
		expect(isW3C(one.requested_datetime)).toBe(true);
		const x = (await xmlOf(`requests/${id}.xml`)) as { service_requests: { request: Request[] } };
		expect(x.service_requests.request[0].service_request_id).toBe(id);

		const byIds = await json<Request[]>(`requests.json?service_request_id=${id}`);
		expect(byIds.map((q) => q.service_request_id)).toEqual([id]);
		const open = await json<Request[]>(`requests.json?status=open&service_code=${encodeURIComponent(s.service_code)}`);
		expect(open.map((q) => q.service_request_id)).toContain(id);
		for (const q of open) expect([q.status, q.service_code]).toEqual(['open', s.service_code]);
		const closed = await json<Request[]>('requests.json?status=closed');
		expect(closed.map((q) => q.service_request_id)).not.toContain(id);
		for (const q of closed) expect(q.status).toBe('closed');

		const day = 24 * 3600 * 1000;
		const start = new Date(Date.now() - day).toISOString();
		const end = new Date(Date.now() + day).toISOString();
		const inWindow = await json<Request[]>(`requests.json?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`);
		expect(inWindow.map((q) => q.service_request_id)).toContain(id);
		const before = await json<Request[]>(`requests.json?end_date=${encodeURIComponent(new Date(Date.now() - 2 * day).toISOString())}`);
		expect(before.map((q) => q.service_request_id)).not.toContain(id);
	});

	it('answers with the spec’s errors: bad key 403, unknown service or request 404, bad dates 400', async () => {
		const code = services[0].service_code;
		await expectErrors(await post('requests.json', { api_key: 'not-a-key', service_code: code, lat: '52.2216', long: '6.8938', description: 'Test' }), 403);
		await expectErrors(await post('requests.json', { service_code: code, lat: '52.2216', long: '6.8938', description: 'Test' }), 403);
		const unknown = await post('requests.json', { api_key: demoKey!, service_code: 'no-such-service', lat: '52.2216', long: '6.8938', description: 'Test' });
		expect([400, 404]).toContain(unknown.status);
		await expectErrors(unknown, unknown.status);
		await expectErrors(await post('requests.json', { api_key: demoKey!, service_code: code, description: 'Geen plaats' }), 400);
		await expectErrors(await get('services/no-such-service.json'), 404);
		await expectErrors(await get('requests/00000000-0000-4000-8000-000000000000.json'), 404);
		await expectErrors(await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'), 400);
		await expectErrors(await get('requests.json?start_date=gisteren'), 400);

		const r = await fetch(url(`${base}/requests.xml`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ api_key: 'not-a-key', service_code: code }) });
		expect(r.status).toBe(403);
		const body = xml.parse(await r.text()) as { errors: { error: { code: string; description: string }[] } };
		expect(body.errors.error[0].code).toBe('403');
		expect(body.errors.error[0].description).toMatch(/\S/);
	});
});
