import type { Body, Row, Spec } from './matrix-table';

/**
 * Open311 GeoReport v2 (/open311/v2/…) and its keys (/api/v1/open311/keys), from the rules in
 * README "Open311" and docs/ARCHITECTURE.md: the GeoReport API never reads the session — only
 * its api_key — so every person gets the same answer as nobody: reads are public (public
 * reports only), a POST without a key is 403, an unknown report 404. Keys are staff business: a
 * corporation nobody here is staff of, or an unknown key, changes nothing. No cell writes.
 */
const none = '00000000-0000-4000-8000-000000000000';
const demoKey = 'DEMO-open311-gemeente-noaberveen';
const form = (f: Record<string, string>): Body => ({ form: f });
const json = (j: unknown): Body => ({ json: j });
const pub: Spec = { all: 'ok' };
const staffOnly: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };
const streetLight = { service_code: 'public_space', lat: '52.2214', long: '6.8931', 'attribute[what]': 'street_light', description: 'Matrix: lantaarnpaal' };

export const open311Rows: Row[] = [
	{ key: 'GET /open311/v2/[...path]', target: 'discovery', path: () => '/open311/v2/discovery.json', expect: pub },
	{ key: 'GET /open311/v2/[...path]', target: 'services (XML)', path: () => '/open311/v2/services.xml', expect: pub },
	{ key: 'GET /open311/v2/[...path]', target: 'a service definition', path: () => '/open311/v2/services/public_space.json', expect: pub },
	{ key: 'GET /open311/v2/[...path]', target: 'a private service (burenoverlast)', path: () => '/open311/v2/services/nuisance.json', expect: { all: 'hidden' } },
	{ key: 'GET /open311/v2/[...path]', target: 'public requests', path: () => '/open311/v2/requests.json?status=open', expect: pub },
	{ key: 'GET /open311/v2/[...path]', target: 'no such request', path: () => `/open311/v2/requests/${none}.json`, expect: { all: 'hidden' } },
	{ key: 'GET /open311/v2/[...path]', target: 'a wrong api_key', path: () => '/open311/v2/requests.json?api_key=wrong', expect: { all: 'forbidden' } },
	// Writes: without a key, or on a report the key's organisation does not handle — refused for all.
	{ key: 'POST /open311/v2/[...path]', target: 'a request without api_key', path: () => '/open311/v2/requests.json', expect: { all: 'forbidden' }, probe: null, valid: () => form(streetLight) },
	{ key: 'POST /open311/v2/[...path]', target: 'an update of nobody’s report', path: () => `/open311/v2/requests/${none}/updates.json`, expect: { all: 'hidden' }, probe: null, valid: () => form({ api_key: demoKey, action: 'acknowledge', status_notes: 'Matrix notitie' }) },
	{ key: 'GET /api/v1/open311/keys', target: 'own corporation', path: () => '/api/v1/open311/keys', expect: staffOnly },
	{ key: 'POST /api/v1/open311/keys', target: 'no such organisation', path: () => '/api/v1/open311/keys', expect: staffOnly, valid: () => json({ organisationId: none, contactId: none }) },
	{ key: 'DELETE /api/v1/open311/keys/[id]', target: 'no such key', path: () => `/api/v1/open311/keys/${none}`, expect: { all: 'denied', anon: 'login' }, probe: null, valid: () => null }
];
