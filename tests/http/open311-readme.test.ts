import { expect, it } from 'vitest';
import { bearer, bearerToken, url } from './client';

/**
 * The README's Open311 walk over real HTTP against the build, as a municipal server makes it:
 * form posts without an Origin or a cookie (the CSRF check lets /open311/ through), JSON and XML
 * by extension with their content types, CORS on reads, the demo key, the spec's errors, and a
 * key issued and revoked by staff through the JSON API.
 */
const demoKey = 'DEMO-open311-gemeente-noaberveen';
const form = (f: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(f).toString() });

it('discovery, services in both formats, a POST with the demo key, GET by id and by filters, the spec’s errors', async () => {
	const d = await fetch(url('/open311/v2/discovery.json'));
	expect([d.status, d.headers.get('content-type'), d.headers.get('access-control-allow-origin')]).toEqual([200, 'application/json; charset=utf-8', '*']);
	const x = await fetch(url('/open311/v2/services.xml'));
	expect([x.status, x.headers.get('content-type')]).toEqual([200, 'text/xml; charset=utf-8']);
	expect(await x.text()).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<services><service><service_code>/);

	const post = await fetch(url('/open311/v2/requests.json'), form({ api_key: demoKey, service_code: 'public_space', lat: '52.2214', long: '6.8931', address_string: 'Lindehof 5, Noaberveen', 'attribute[what]': 'street_light', description: 'HTTP: lantaarnpaal kapot' }));
	expect(post.status).toBe(200);
	const [{ service_request_id: id }] = (await post.json()) as { service_request_id: string }[];
	const one = await fetch(url(`/open311/v2/requests/${id}.json`));
	expect(((await one.json()) as { status: string }[])[0].status).toBe('open');
	const list = await fetch(url('/open311/v2/requests.xml?status=open&service_code=public_space'));
	expect(await list.text()).toContain(`<service_request_id>${id}</service_request_id>`);

	// Multipart is a form too.
	const fd = new FormData();
	for (const [k, v] of Object.entries({ api_key: demoKey, service_code: 'public_space', address_string: 'Lindehof 5', 'attribute[what]': 'greenery' })) fd.append(k, v);
	expect((await fetch(url('/open311/v2/requests.json'), { method: 'POST', body: fd })).status).toBe(200);

	const bad = await fetch(url('/open311/v2/requests.xml'), form({ api_key: 'wrong', service_code: 'public_space' }));
	expect([bad.status, await bad.text()]).toEqual([403, expect.stringContaining('<errors><error><code>403</code>')]);
	const json = await fetch(url('/open311/v2/requests.json'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"api_key":"x"}' });
	expect(json.status).toBe(400);
	const put = await fetch(url('/open311/v2/requests.json'), { method: 'PUT' });
	expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, POST']);
	expect((await fetch(url('/open311/v2/services.csv'))).status).toBe(400);
	expect((await fetch(url('/open311/v2/requests.json?start_date=2020-01-01&end_date=2020-12-31'))).status).toBe(400);
});

it('staff issue a key that works at once and stops at once when revoked', async () => {
	const staff = bearer(await bearerToken('wim@demo.noaber.test'));
	const sander = (await (await fetch(url('/api/v1/me'), { headers: bearer(await bearerToken('sander@demo.noaber.test')) })).json()) as { id: string; roles: { partner: { organisationId: string }[] } };
	const issued = await fetch(url('/api/v1/open311/keys'), { method: 'POST', headers: { ...staff, 'content-type': 'application/json' }, body: JSON.stringify({ organisationId: sander.roles.partner[0].organisationId, contactId: sander.id }) });
	expect(issued.status).toBe(201);
	const k = (await issued.json()) as { id: string; key: string };
	expect((await fetch(url(`/open311/v2/requests.json?api_key=${k.key}`))).status).toBe(200);
	const listed = await (await fetch(url('/api/v1/open311/keys'), { headers: staff })).text();
	expect(listed).not.toContain(k.key);
	expect((await fetch(url(`/api/v1/open311/keys/${k.id}`), { method: 'DELETE', headers: staff })).status).toBe(200);
	expect((await fetch(url(`/open311/v2/requests.json?api_key=${k.key}`))).status).toBe(403);
});
