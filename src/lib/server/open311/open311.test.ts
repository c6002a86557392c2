import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOpen311Tests, parseXml, all, textOf, DEMO_OPEN311_KEY, type Open311Fixture } from './test-fixtures';
import { reportReads } from '../reports/test-fixtures';
import { assignReports, getReportDetail, listStaffQueue, saveQuestion } from '../reports';

/**
 * GeoReport v2 through the module's one entry point (handleOpen311), on the reports fixture with
 * the demo key of Gemeente Noaberveen: discovery, services and definitions in both formats,
 * POST requests and its refusals (nothing written), GET requests with its filters and limits,
 * privacy, and the spec's error format. Keys and the update extension: open311-keys.test.ts.
 */
let f: Open311Fixture;
const reads = reportReads(() => f.db);
const key = DEMO_OPEN311_KEY;
const streetLight = { api_key: key, service_code: 'public_space', lat: '52.2214', long: '6.8931', address_string: 'Lindehof 5, Noaberveen', 'attribute[what]': 'street_light', description: 'De lantaarnpaal is kapot.' };
type Err = { code: number; description: string }[];

beforeAll(async () => {
	f = await openOpen311Tests();
});
afterAll(() => f.db.close());

const written = async () => ({ reports: await reads.count('reports'), history: await reads.count('report_history') });

describe('discovery and services', () => {
	it('discovery names the endpoint, its specification and both formats, in JSON and XML', async () => {
		const j = await f.call('GET', 'discovery.json');
		expect(j.status).toBe(200);
		expect(j.contentType).toBe('application/json; charset=utf-8');
		const d = j.json as { changeset: string; endpoints: { specification: string; url: string; type: string; formats: string[] }[] };
		expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://noaber.test/open311/v2', type: 'production', formats: ['text/xml', 'application/json'] });
		const x = await f.call('GET', 'discovery.xml');
		expect(x.contentType).toBe('text/xml; charset=utf-8');
		const root = parseXml(x.body);
		expect(root.name).toBe('discovery');
		const endpoint = all(all(root, 'endpoints')[0], 'endpoint')[0];
		expect(textOf(endpoint, 'specification')).toBe('http://wiki.open311.org/GeoReport_v2');
		expect(all(all(endpoint, 'formats')[0], 'format').map((e) => e.text)).toEqual(['text/xml', 'application/json']);
	});

	it('lists the public and Open311 categories, never a private one, the same in both formats', async () => {
		const j = await f.call('GET', 'services.json');
		const list = j.json as { service_code: string; metadata: boolean; type: string; service_name: string }[];
		expect(list.map((s) => s.service_code).sort()).toEqual(['cleanliness', 'public_space', 'repairs', 'safety']);
		expect(list.every((s) => s.type === 'realtime' && s.metadata === true)).toBe(true);
		const x = parseXml((await f.call('GET', 'services.xml')).body);
		expect(x.name).toBe('services');
		const services = all(x, 'service');
		expect(services.map((s) => textOf(s, 'service_code')).sort()).toEqual(list.map((s) => s.service_code).sort());
		expect(services[0].children.map((c) => c.name)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
		// Without an extension the answer is JSON.
		expect((await f.call('GET', 'services')).contentType).toMatch(/^application\/json/);
	});

	it("a service definition has the category's active questions as attributes, in both formats", async () => {
		const j = await f.call('GET', 'services/repairs.json');
		const def = j.json as { service_code: string; attributes: { code: string; datatype: string; required: boolean; variable: boolean; order: number; values?: { key: string }[] }[] };
		expect(def.service_code).toBe('repairs');
		expect(def.attributes.map((a) => [a.code, a.datatype, a.required])).toEqual([['where', 'string', true], ['dangerous', 'singlevaluelist', true]]);
		expect(def.attributes[1].values!.map((v) => v.key)).toEqual(['yes', 'no']);
		expect(def.attributes[0].values).toBeUndefined();
		const x = parseXml((await f.call('GET', 'services/public_space.xml')).body);
		expect(x.name).toBe('service_definition');
		const attr = all(all(x, 'attributes')[0], 'attribute')[0];
		expect(textOf(attr, 'variable')).toBe('true');
		expect(textOf(attr, 'datatype')).toBe('singlevaluelist');
		expect(all(all(attr, 'values')[0], 'value').map((v) => textOf(v, 'key'))).toEqual(['street_light', 'pavement', 'greenery', 'litter_bin', 'other']);
	});

	it('a date question is a datetime attribute; a datetime answer is kept as its date; a question switched off is gone', async () => {
		const staff = await f.actor('staff');
		const q = { categoryId: f.category.public_space, code: 'noticed', kind: 'date', labelNl: 'Sinds wanneer?', labelEn: 'Since when?' };
		await saveQuestion(f.ctx, staff, q);
		const def = (await f.call('GET', 'services/public_space.json')).json as { attributes: { code: string; datatype: string; required: boolean }[] };
		expect(def.attributes.find((a) => a.code === 'noticed')).toMatchObject({ datatype: 'datetime', required: false });
		const r = await f.call('POST', 'requests.json', { ...streetLight, 'attribute[noticed]': '2026-03-01T10:00:00+01:00' });
		const id = (r.json as { service_request_id: string }[])[0].service_request_id;
		expect((await getReportDetail(f.db, staff, id, f.ctx.clock())).answers).toEqual({ what: 'street_light', noticed: '2026-03-01' });
		await saveQuestion(f.ctx, staff, { ...q, active: false });
		const after = (await f.call('GET', 'services/public_space.json')).json as { attributes: { code: string }[] };
		expect(after.attributes.map((a) => a.code)).toEqual(['what']);
	});

	it('an unknown or private service is 404 in the spec’s error format, in both formats', async () => {
		for (const code of ['nuisance', 'no_such_thing']) {
			const j = await f.call('GET', `services/${code}.json`);
			expect(j.status).toBe(404);
			expect((j.json as Err)[0]).toMatchObject({ code: 404, description: expect.stringContaining('service_code') });
		}
		const x = await f.call('GET', 'services/nuisance.xml');
		const root = parseXml(x.body);
		expect([x.status, root.name, textOf(all(root, 'error')[0], 'code')]).toEqual([404, 'errors', '404']);
	});

	it('unknown formats, endpoints, methods and jurisdictions: 400, 404, 405, 404', async () => {
		expect((await f.call('GET', 'services.csv')).status).toBe(400);
		expect((await f.call('GET', 'nothing.json')).status).toBe(404);
		const m = await f.call('DELETE', 'requests.json');
		expect([m.status, m.headers.Allow]).toEqual([405, 'GET, POST']);
		expect((m.json as Err)[0].code).toBe(405);
		expect((await f.call('GET', 'services.json', { jurisdiction_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
		expect((await f.call('GET', 'services.json', { jurisdiction_id: 'not-a-uuid' })).status).toBe(404);
		expect((await f.call('GET', 'services.json', { jurisdiction_id: f.corporationId })).status).toBe(200);
		// The server's host name names the default jurisdiction too.
		expect((await f.call('GET', 'services.json', { jurisdiction_id: 'noaber.test' })).status).toBe(200);
	});
});

describe('POST requests', () => {
	it('with the demo key makes a melding the staff see, routed to the municipality, with no personal data kept', async () => {
		const r = await f.call('POST', 'requests.json', { ...streetLight, email: 'iemand@example.org', first_name: 'Iemand', phone: '0612345678', device_id: 'dev-1' });
		expect(r.status).toBe(200);
		const [made] = r.json as { service_request_id: string; token: string; service_notice: string; account_id: null }[];
		expect(made).toMatchObject({ account_id: null, token: made.service_request_id, service_notice: expect.stringContaining('2026-03-09') });
		const staff = await f.actor('staff');
		const queue = await listStaffQueue(f.db, staff, {}, f.ctx.clock());
		const seen = queue.find((v) => v.row.id === made.service_request_id)!;
		expect(seen.row).toMatchObject({ source: 'open311', reporter_id: null, party_kind: 'municipality', organisation_id: f.municipalityOrg, location_kind: 'address', buurt_id: f.lindebuurt });
		const [row] = await f.db.query<Record<string, unknown>>('SELECT * FROM reports WHERE id = $1', [made.service_request_id]);
		expect(JSON.stringify(row)).not.toMatch(/iemand|0612345678|dev-1/i);
		const history = await reads.history(made.service_request_id);
		expect(history.map((h) => [h.action, h.actor_id])).toEqual([['create', f.ids.municipality]]);
		const [h] = await f.db.query<{ actor_role: string }>('SELECT actor_role FROM report_history WHERE report_id = $1', [made.service_request_id]);
		expect(h.actor_role).toBe('partner');
		const detail = await getReportDetail(f.db, staff, made.service_request_id, f.ctx.clock());
		expect(detail.answers).toEqual({ what: 'street_light' });
	});

	it('takes an address without a point: a home of the corporation by street and number or postcode gives the complex, else the buurt with the words', async () => {
		const base = { api_key: key, service_code: 'public_space', 'attribute[what]': 'pavement' };
		const placed = async (p: Record<string, string>) => {
			const r = await f.call('POST', 'requests.json', { ...base, ...p });
			expect(r.status, r.body).toBe(200);
			const id = (r.json as { service_request_id: string }[])[0].service_request_id;
			return (await f.db.query<{ location_kind: string; complex_id: string | null; address_label: string | null; buurt_id: string; bag_nummeraanduiding_id: string | null }>(
				'SELECT location_kind, complex_id, address_label, buurt_id, bag_nummeraanduiding_id FROM reports WHERE id = $1', [id]))[0];
		};
		const [lindehof] = await f.db.query<{ id: string }>("SELECT id FROM complexes WHERE name = 'Lindehof'");
		expect(await placed({ address_string: 'lindehof 5, Noaberveen' })).toMatchObject({ location_kind: 'complex', complex_id: lindehof.id, address_label: 'lindehof 5, Noaberveen' });
		expect(await placed({ address_string: 'Bij 9999 AA' })).toMatchObject({ location_kind: 'complex', complex_id: lindehof.id });
		expect(await placed({ address_string: 'Marktplein 3, Noaberveen' })).toMatchObject({ location_kind: 'buurt', complex_id: null, address_label: 'Marktplein 3, Noaberveen', buurt_id: f.lindebuurt });
		expect(await placed({ address_id: '0999200000000001' })).toMatchObject({ location_kind: 'buurt', bag_nummeraanduiding_id: '0999200000000001' });
		expect(await placed({ address_string: 'Marktplein 3', buurt_code: 'BU99990101' })).toMatchObject({ location_kind: 'buurt', buurt_id: f.lindebuurt });
		// A buurt the municipality does not serve (the Beukenbuurt): refused.
		const outside = await f.call('POST', 'requests.json', { ...base, address_string: 'Marktplein 3', buurt_code: 'BU999901AB' });
		expect([outside.status, (outside.json as Err)[0].description]).toEqual([400, expect.stringContaining('outside')]);
	});

	it('answers in XML too, and a resend with the same Idempotency-Key makes one report', async () => {
		const before = await written();
		const a = await f.call('POST', 'requests.xml', streetLight, { idempotencyKey: 'resend-0001' });
		const b = await f.call('POST', 'requests.xml', streetLight, { idempotencyKey: 'resend-0001' });
		const root = parseXml(a.body);
		expect(root.name).toBe('service_requests');
		const id = textOf(all(root, 'request')[0], 'service_request_id');
		expect(textOf(all(parseXml(b.body), 'request')[0], 'service_request_id')).toBe(id);
		expect((await written()).reports).toBe(before.reports + 1);
	});

	it('refuses, in the spec’s format, and writes nothing: bad or missing key (403), unknown or private service (404), no location, bad attribute, out of range (400)', async () => {
		const before = await written();
		const cases: [Record<string, string>, number, RegExp][] = [
			[{ ...streetLight, api_key: 'wrong' }, 403, /api_key/],
			[{ ...streetLight, api_key: '' }, 403, /api_key/],
			[{ ...streetLight, service_code: 'no_such_thing' }, 404, /service_code/],
			[{ ...streetLight, service_code: 'nuisance', 'attribute[how_often]': 'weekly' }, 404, /service_code/],
			[{ ...streetLight, service_code: '' }, 400, /service_code/],
			[{ api_key: key, service_code: 'public_space', 'attribute[what]': 'street_light' }, 400, /location/i],
			[{ ...streetLight, 'attribute[what]': 'volcano' }, 400, /attribute\[what\]/],
			[{ ...streetLight, 'attribute[what]': '' }, 400, /attribute\[what\]/],
			[{ ...streetLight, 'attribute[colour]': 'red' }, 400, /attribute\[colour\]/],
			[{ ...streetLight, lat: '40.0' }, 400, /lat/],
			[{ ...streetLight, lat: 'north' }, 400, /lat/],
			[{ ...streetLight, jurisdiction_id: '00000000-0000-4000-8000-000000000000' }, 404, /jurisdiction_id/],
			[{ ...streetLight, description: 'x'.repeat(5000) }, 400, /description/]
		];
		for (const [params, status, says] of cases) {
			const j = await f.call('POST', 'requests.json', params);
			expect([j.status, (j.json as Err)[0].code], JSON.stringify(params)).toEqual([status, status]);
			expect((j.json as Err).map((e) => e.description).join(' ')).toMatch(says);
			const x = await f.call('POST', 'requests.xml', params);
			const root = parseXml(x.body);
			expect([x.status, root.name, textOf(all(root, 'error')[0], 'code')]).toEqual([status, 'errors', String(status)]);
		}
		expect(await written()).toEqual(before);
	});
});

describe('GET requests', () => {
	let ids: string[];
	beforeAll(async () => {
		ids = [];
		for (const what of ['pavement', 'greenery']) {
			f.ctx.advance(60_000);
			const r = await f.call('POST', 'requests.json', { ...streetLight, 'attribute[what]': what });
			if (r.status !== 200) throw new Error(r.body);
			ids.push((r.json as { service_request_id: string }[])[0].service_request_id);
		}
	});

	it('by id (comma-separated, other filters then ignored) and one by id; unknown → 404', async () => {
		const j = await f.call('GET', 'requests.json', { service_request_id: ids.join(','), status: 'closed', service_code: 'repairs' });
		expect((j.json as { service_request_id: string }[]).map((r) => r.service_request_id).sort()).toEqual([...ids].sort());
		const one = await f.call('GET', `requests/${ids[0]}.json`);
		const [r] = one.json as Record<string, unknown>[];
		expect(r).toMatchObject({ service_request_id: ids[0], status: 'open', service_code: 'public_space', address: 'Lindehof 5, Noaberveen', lat: 52.2214, long: 6.8931 });
		expect(r.requested_datetime).toMatch(/^2026-03-02T10:0\d:00\+01:00$/);
		expect(r.expected_datetime).toBe('2026-03-09T17:00:00+01:00');
		expect(r).not.toHaveProperty('media_url');
		for (const missing of ['00000000-0000-4000-8000-000000000000', 'not-an-id', "1' OR '1'='1"]) {
			const nf = await f.call('GET', `requests/${missing}.json`);
			expect([nf.status, (nf.json as Err)[0].code]).toEqual([404, 404]);
		}
		const x = parseXml((await f.call('GET', `requests/${ids[0]}.xml`)).body);
		expect([x.name, all(x, 'request').length, textOf(all(x, 'request')[0], 'status')]).toEqual(['service_requests', 1, 'open']);
	});

	it('filters by status, service_code and dates, newest first', async () => {
		const list = async (p: Record<string, string>) => ((await f.call('GET', 'requests.json', p)).json as { service_request_id: string; service_code: string; status: string }[]);
		const open = await list({ status: 'open', service_code: 'public_space' });
		expect(open.slice(0, 2).map((r) => r.service_request_id)).toEqual([ids[1], ids[0]]);
		expect(open.every((r) => r.status === 'open' && r.service_code === 'public_space')).toBe(true);
		expect(await list({ status: 'closed' })).toEqual([]);
		expect(await list({ service_code: 'repairs,cleanliness' })).toEqual([]);
		expect((await list({ start_date: '2026-03-02T10:00:30+01:00' })).map((r) => r.service_request_id)).toContain(ids[1]);
		expect(await list({ start_date: '2026-03-03' })).toEqual([]);
		expect(await list({ end_date: '2026-03-01T23:59:59Z' })).toEqual([]);
		// An unencoded '+' arrives as a space: still read as the offset.
		expect((await list({ start_date: '2026-03-01T00:00:00 01:00', end_date: '2026-03-03T00:00:00 01:00' })).length).toBeGreaterThanOrEqual(2);
	});

	it('refuses dates more than 90 days apart, reversed or malformed (400)', async () => {
		const cases: Record<string, string>[] = [
			{ start_date: '2025-01-01T00:00:00Z', end_date: '2025-06-01T00:00:00Z' },
			{ start_date: '2026-03-02', end_date: '2026-03-01' },
			{ start_date: 'yesterday' },
			{ start_date: '2026-02-30' },
			{ end_date: '2026-13-01T00:00:00Z' },
			{ status: 'pending' }
		];
		for (const p of cases) {
			const j = await f.call('GET', 'requests.json', p);
			expect([j.status, (j.json as Err)[0].code], JSON.stringify(p)).toEqual([400, 400]);
		}
		const ok = await f.call('GET', 'requests.json', { start_date: '2026-01-01T00:00:00Z', end_date: '2026-03-31T00:00:00Z' });
		expect(ok.status).toBe(200);
	});

	it('never serves a private report, nor personal data, to a reader without a key; the municipality reads what is routed to it', async () => {
		const nuisance = await f.report({ kind: 'nuisance', location: { kind: 'home' }, description: 'Harde muziek bij de buren van nummer 7.' });
		expect((await f.call('GET', `requests/${nuisance}.json`)).status).toBe(404);
		const everything = (await f.call('GET', 'requests.json')).body;
		expect(everything).not.toContain(nuisance);
		expect(everything).not.toMatch(/Anna|Harde muziek|lantaarnpaal/);
		// Staff give it to the municipality: now its key reads it (text and the home address), the public still not.
		await assignReports(f.ctx, await f.actor('staff'), { reportIds: [nuisance], party: { kind: 'municipality', organisationId: f.municipalityOrg } });
		expect((await f.call('GET', `requests/${nuisance}.json`)).status).toBe(404);
		const [mine] = (await f.call('GET', `requests/${nuisance}.json`, { api_key: key })).json as Record<string, unknown>[];
		expect(mine).toMatchObject({ service_request_id: nuisance, service_code: 'nuisance', description: 'Harde muziek bij de buren van nummer 7.', agency_responsible: 'Gemeente Noaberveen (fictief)' });
		expect(JSON.stringify(mine)).not.toMatch(/Anna/);
		expect(((await f.call('GET', 'requests.json', { api_key: key })).json as { service_request_id: string }[]).map((r) => r.service_request_id)).toContain(nuisance);
		// A wrong key is told so, on reads too.
		expect((await f.call('GET', 'requests.json', { api_key: 'wrong' })).status).toBe(403);
	});

	it('serves a token as its request', async () => {
		const t = await f.call('GET', `tokens/${ids[0]}.json`);
		expect(t.json).toEqual([{ service_request_id: ids[0], token: ids[0] }]);
		expect((await f.call('GET', 'tokens/nope.xml')).status).toBe(404);
	});

	it('returns at most 1,000, the newest first', async () => {
		// 1,005 copies of one report, one second apart (through SQL: the cap, not the use case, is under test).
		await f.db.query(
			`INSERT INTO reports (corporation_id, buurt_id, category_id, visibility, source, description, answers, location_kind, lat, lon, address_label, state, party_kind, organisation_id, due_on, sla_working_days, created_at, updated_at)
			 SELECT corporation_id, buurt_id, category_id, visibility, source, description, answers, location_kind, lat, lon, address_label, state, party_kind, organisation_id, due_on, sla_working_days,
			        created_at - (g || ' seconds')::interval, updated_at FROM reports, generate_series(1, 1005) g WHERE id = $1`,
			[ids[0]]
		);
		const list = (await f.call('GET', 'requests.json')).json as { requested_datetime: string; service_request_id: string }[];
		expect(list.length).toBe(1000);
		expect(list[0].service_request_id).toBe(ids[1]);
		const times = list.map((r) => Date.parse(r.requested_datetime));
		expect(times.every((t, i) => i === 0 || t <= times[i - 1])).toBe(true);
	});
});

describe('XML', () => {
	it('stays well-formed whatever the stored text holds', async () => {
		// (Control characters never get stored: plainText refuses them; xml.test.ts covers the writer.)
		const nasty = `<b>&amp; "quotes" 'apos' ]]> ${'é'}`;
		const r = await f.call('POST', 'requests.json', { ...streetLight, address_string: nasty, description: 'Tekst met <tags> & zo.' });
		expect(r.status, r.body).toBe(200);
		const id = (r.json as { service_request_id: string }[])[0].service_request_id;
		const x = parseXml((await f.call('GET', `requests/${id}.xml`, { api_key: key })).body);
		const req = all(x, 'request')[0];
		expect(textOf(req, 'address')).toBe(nasty);
		expect(textOf(req, 'description')).toBe('Tekst met <tags> & zo.');
	});
});
