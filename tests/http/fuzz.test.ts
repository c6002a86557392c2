import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { baseUrl, bearer, bearerToken, cookieSession, url } from './client';

/**
 * Bad input is never a 5xx: every page, form action and API operation gets garbage — NUL and
 * other control characters, lone surrogates, huge and negative numbers, 1e309, wrong types,
 * malformed JSON, wrong content types, an oversized body — with real ids from the demo data in
 * path params some of the time, as nobody, a member (anna) and staff (wim, admin), by cookie
 * (Origin set) and by bearer token. CI: fixed seed, bounded count. `npm run fuzz`: FUZZ_RUNS
 * (default 3000) and a random seed (FUZZ_SEED replays one), printed with the counts.
 */

const long = process.env.FUZZ_LONG === '1';
const seed = Number(process.env.FUZZ_SEED ?? (long ? Date.now() % 2 ** 31 : 20260501));
const runs = Number(process.env.FUZZ_RUNS ?? (long ? 3000 : 300));

// ── What there is to call: the route tree and the OpenAPI document ─────────────────────────────

interface PageRoute {
	pattern: string;
	actions: string[];
	fields: string[];
}
const routesDir = path.resolve('src/routes');
function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = path.join(dir, f);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}
const routePattern = (file: string) =>
	'/' + path.relative(routesDir, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join('/');

function pageRoutes(): PageRoute[] {
	return walk(routesDir)
		.filter((f) => f.endsWith('+page.server.ts') || f.endsWith('+page.svelte'))
		.map((f) => f.replace(/\+page\.(server\.ts|svelte)$/, ''))
		.filter((d, i, all) => all.indexOf(d) === i)
		.map((dir) => {
			const server = path.join(dir, '+page.server.ts');
			let src = '';
			try {
				src = readFileSync(server, 'utf8');
			} catch {
				/* a page without a server file */
			}
			const block = /export const actions[^{]*\{([\s\S]*)$/.exec(src)?.[1] ?? '';
			const actions = [...block.matchAll(/^\t(\w+): /gm)].map((m) => m[1]);
			const fields = new Set<string>();
			for (const m of src.matchAll(/(?:data\.get(?:All)?\(|str\(data, )'(\w+)'/g)) fields.add(m[1]);
			for (const m of src.matchAll(/formFields\(data, \[([^\]]*)\]/g)) for (const n of m[1].matchAll(/'(\w+)'/g)) fields.add(n[1]);
			if (src.includes('askFieldNames')) for (const n of ['buurtId', 'category', 'zorgLabel', 'title', 'description', 'when', 'whenDate', 'urgency', 'place', 'placeNote', 'idempotencyKey']) fields.add(n);
			return { pattern: routePattern(path.join(dir, 'x')), actions, fields: [...fields, 'idempotencyKey', 'next'] };
		});
}

interface Operation {
	method: string;
	path: string;
	query: string[];
	body?: JsonSchema;
}
interface JsonSchema {
	type?: string | string[];
	format?: string;
	enum?: unknown[];
	const?: unknown;
	required?: string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	$ref?: string;
	oneOf?: JsonSchema[];
	anyOf?: JsonSchema[];
	allOf?: JsonSchema[];
}
let components: Record<string, JsonSchema> = {};
const deref = (s: JsonSchema | undefined): JsonSchema => (s?.$ref ? deref(components[s.$ref.split('/').pop()!]) : (s ?? {}));

async function operations(): Promise<Operation[]> {
	const doc = (await (await fetch(url('/api/v1/openapi.json'))).json()) as {
		paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
		components?: { schemas?: Record<string, JsonSchema> };
	};
	components = doc.components?.schemas ?? {};
	const ops: Operation[] = [];
	for (const [p, item] of Object.entries(doc.paths)) {
		for (const [method, op] of Object.entries(item)) {
			if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
			ops.push({
				method: method.toUpperCase(),
				path: '/api/v1' + p.replace(/^\/api\/v1/, ''),
				query: (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
				body: op.requestBody?.content?.['application/json']?.schema
			});
		}
	}
	return ops;
}

// ── Who calls ─────────────────────────────────────────────────────────────────────────────────

interface Caller {
	name: string;
	headers: Record<string, string>;
}
let callers: Caller[] = [];
let idPools: Record<string, string[]> = {};
let pages: PageRoute[] = [];
let ops: Operation[] = [];

const uuidRe = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Real ids from the demo data, by the first segment of the path that listed them. */
async function collectIds(headers: Record<string, string>) {
	const pools: Record<string, Set<string>> = {};
	const add = (seg: string, text: string) => {
		for (const m of text.match(uuidRe) ?? []) (pools[seg] ??= new Set()).add(m);
	};
	const buurten = await (await fetch(url('/api/v1/buurten'), { headers })).text();
	add('buurten', buurten);
	const buurtIds = [...(pools.buurten ?? [])].slice(0, 4);
	for (const p of ['/api/v1/help/queue', '/api/v1/help/mine', '/api/v1/notifications', ...buurtIds.flatMap((b) => [`/api/v1/help?buurtId=${b}`, `/api/v1/proposals?buurtId=${b}`, `/api/v1/rounds?buurtId=${b}`, `/api/v1/buurten/${b}/pot`])]) {
		const seg = p.split('/')[3].split('?')[0];
		add(seg === 'buurten' ? 'transfers' : seg, await (await fetch(url(p), { headers })).text());
	}
	idPools = Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, [...v]]));
}

beforeAll(async () => {
	pages = pageRoutes();
	ops = await operations();
	const [anna, wim, admin] = await Promise.all(['anna', 'wim', 'admin'].map((n) => cookieSession(`${n}@demo.noaber.test`)));
	const [annaT, wimT] = await Promise.all(['anna', 'wim'].map((n) => bearerToken(`${n}@demo.noaber.test`)));
	const browser = (cookie: string) => ({ cookie, origin: baseUrl() });
	callers = [
		{ name: 'anonymous', headers: { origin: baseUrl() } },
		{ name: 'anna (cookie)', headers: browser(anna) },
		{ name: 'wim (cookie)', headers: browser(wim) },
		{ name: 'admin (cookie)', headers: browser(admin) },
		{ name: 'anna (bearer)', headers: bearer(annaT) },
		{ name: 'wim (bearer)', headers: bearer(wimT) },
		{ name: 'garbage bearer', headers: { authorization: 'Bearer \u00ff\u00fe' } },
		{ name: 'garbage cookie', headers: { cookie: 'noaber_session=%00%ZZ', origin: baseUrl() } }
	];
	await collectIds(bearer(wimT));
	// Anna's own buurt, so a member's writes get past the policy to the fields.
	idPools.memberBuurten = (await (await fetch(url('/api/v1/buurten'), { headers: bearer(annaT) })).text()).match(uuidRe) ?? [];
}, 120_000);

// ── Garbage ───────────────────────────────────────────────────────────────────────────────────

const nastyStrings = [
	'a\u0000b', '\u0000', '\u001b[31mrood', 'a\u0007b\u0008', '\u007f', '\u0085', '\uD800', 'x\uDFFFy', '\uFEFF', '',
	' ', '0', '-5', '1e309', '-1e309', 'NaN', 'Infinity', '9007199254740993', '99999999999999999999999', '1.5', 'abc',
	'true', 'null', '[]', '{}', '%00', '%ZZ', '../../etc/passwd', "'; DROP TABLE accounts; --", '<script>alert(1)</script>',
	'x'.repeat(5001), '€'.repeat(300), '00000000-0000-0000-0000-000000000000', '1ca2f358-8827-49ee-90d8-ZZZZZZZZZZZZ'
];
const nastyString = fc.oneof(fc.constantFrom(...nastyStrings), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 200 }));
const nastyNumber = fc.constantFrom(0, -5, -1, 1.5, 2 ** 53 + 2, 1e20, -1e20, Number.MAX_SAFE_INTEGER);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.array(nastyString, { maxLength: 3 }));

const realId = (seg: string) => {
	const pool = idPools[seg]?.length ? idPools[seg] : Object.values(idPools).flat();
	return pool.length ? fc.constantFrom(...pool) : fc.uuid();
};

/** A value for a JSON-schema property: right-looking most of the time, garbage the rest. */
function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
	const s = deref(schema);
	const alt = s.oneOf ?? s.anyOf ?? s.allOf;
	if (alt?.length) return fc.oneof(...alt.map((x) => valueFor(x, depth + 1)));
	const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
	let good: fc.Arbitrary<unknown>;
	if (s.enum) good = fc.constantFrom(...s.enum);
	else if (s.format === 'uuid') good = fc.oneof(realId('buurten'), realId('proposals'), realId('help'), fc.uuid());
	else if (type === 'string') good = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Boodschappen doen', '2026-06-01', '12,50', 'anna@demo.noaber.test'));
	else if (type === 'integer' || type === 'number') good = fc.integer({ min: 0, max: 100_000 });
	else if (type === 'boolean') good = fc.boolean();
	else if (type === 'array') good = depth > 2 ? fc.constant([]) : fc.array(valueFor(s.items, depth + 1), { maxLength: 3 });
	else if (type === 'object' || s.properties) good = depth > 2 ? fc.constant({}) : objectFor(s, depth + 1);
	else good = anyJson;
	return fc.oneof({ weight: 2, arbitrary: good }, { weight: 1, arbitrary: anyJson });
}
function objectFor(s: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
	const props = deref(s).properties ?? {};
	const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueFor(v, depth)]));
	return fc.record(model, { requiredKeys: [] });
}

/** A raw body: JSON of the object, or something that is not (quite) JSON. */
const rawJson = (obj: fc.Arbitrary<Record<string, unknown>>) =>
	fc.oneof(
		{ weight: 6, arbitrary: obj.map((o) => JSON.stringify(o)) },
		{ weight: 1, arbitrary: obj.map((o) => JSON.stringify(o).replace(/\d+(?=[,}])/, '1e309')) },
		{ weight: 1, arbitrary: fc.constantFrom('{', '{"title":', 'null', '[]', '"x"', '1e309', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}', '\u0000', '') },
		{ weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) }
	);

/** A value that passes its field's schema more often than not (the first choice, a real id). */
function plausible(name: string, s: JsonSchema): unknown {
	const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
	if (s.enum) return s.enum[0];
	if (s.const !== undefined) return s.const;
	if (s.format === 'uuid') return (/buurt/i.test(name) ? idPools.memberBuurten : idPools.proposals)?.[0];
	const soon = new Date(Date.now() + 30 * 86_400_000).toISOString();
	if (s.format === 'date') return soon.slice(0, 10);
	if (s.format === 'date-time') return soon;
	if (type === 'integer' || type === 'number') return 500;
	if (type === 'boolean') return true;
	if (type === 'array') return [];
	if (type === 'object' || s.properties) return plausibleObject(s);
	return /key/i.test(name) ? `fuzz-${Math.random().toString(36).slice(2, 12)}` : 'Boodschappen doen voor de buren';
}

/** The required fields of an object schema, each with a plausible value. */
const plausibleObject = (s: JsonSchema): Record<string, unknown> =>
	Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k, v]) => s.required?.includes(k) || /key$/i.test(k) || /^date/.test(deref(v).format ?? '')).map(([k, v]) => [k, plausible(k, deref(v))]));

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses with a URIError) is sent as
 * the three bytes a sloppy client would send for it: invalid UTF-8 the server must answer calmly.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const encodeSegment = (v: string) =>
	v
		.split(loneSurrogate)
		.map(encodeURIComponent)
		.reduce((out, part, i) => {
			if (i === 0) return part;
			const u = [...v.matchAll(loneSurrogate)][i - 1][0].charCodeAt(0);
			const bytes = [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)];
			return out + bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('') + part;
		}, '');

const fillPath = (pattern: string) =>
	fc.tuple(...(pattern.match(/\{(\w+)\}|\[(\w+)\]/g) ?? []).map(() => fc.oneof({ weight: 3, arbitrary: fc.constant('real') }, { weight: 1, arbitrary: nastyString }))).chain((slots) => {
		const segs = pattern.split('/').filter(Boolean);
		const first = segs[0] === 'api' ? segs[2] : segs[0] === 'staff' ? segs[1] : segs[0];
		let i = 0;
		const parts = pattern.split('/').map((seg) => {
			const m = /^(?:\{(\w+)\}|\[(\w+)\])(.*)$/.exec(seg);
			if (!m) return fc.constant(seg);
			const slot = slots[i++];
			const name = m[1] ?? m[2];
			const pool = /buurt/i.test(name) ? 'buurten' : /transfer/i.test(name) ? 'transfers' : first;
			const arb = slot === 'real' ? realId(pool) : fc.constant(slot as string);
			return arb.map((v) => encodeSegment(v) + (m[3] ?? ''));
		});
		return fc.tuple(...parts).map((p) => p.join('/'));
	});

const queryFor = (names: string[]) =>
	fc.record(Object.fromEntries([...names, 'page', 'before', 'buurt'].map((n) => [n, fc.oneof(fc.constantFrom('1', '2', 'newest'), nastyString, realId('buurten'))])), { requiredKeys: [] }).map((q) => {
		const s = new URLSearchParams(q as Record<string, string>).toString();
		return s ? `?${s}` : '';
	});

interface Req {
	method: string;
	path: string;
	caller: number;
	contentType?: string;
	body?: string | FormData;
}

const formBody = (fields: string[]) =>
	fc.record(Object.fromEntries(fields.map((f) => [f, fc.oneof(nastyString, realId('buurten'), fc.constantFrom('yes', 'no', '12,50', 'zorg', 'boodschappen'))])), { requiredKeys: [] });

function requestArb(): fc.Arbitrary<Req> {
	const caller = fc.nat({ max: callers.length - 1 });
	const pageGets = pages.map((p) => fc.record({ method: fc.constant('GET'), path: fc.tuple(fillPath(p.pattern), queryFor([])).map(([a, b]) => a + b), caller }));
	const actions = pages.flatMap((p) =>
		p.actions.map((a) =>
			fc.record({
				method: fc.constant('POST'),
				path: fillPath(p.pattern).chain((x) => (a === 'default' ? fc.constantFrom(x, `${x}?/default`) : fc.constant(`${x}?/${a}`))),
				// Logging out would end the sessions the fuzzer uses.
				caller: a === 'logout' ? fc.constant(0) : caller,
				contentType: fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data', 'application/json', 'text/plain'),
				body: formBody(p.fields).map((o) => new URLSearchParams(o as Record<string, string>).toString())
			})
		)
	);
	const apis = ops.map((o) =>
		fc.record({
			method: fc.constant(o.method),
			path: fc.tuple(fillPath(o.path), queryFor(o.query)).map(([a, b]) => a + b),
			caller: o.path === '/api/v1/sessions' && o.method === 'DELETE' ? fc.constant(0) : caller,
			contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded'),
			body: rawJson(o.body ? objectFor(o.body) : fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 3 }))
		})
	);
	return fc.oneof(...pageGets, ...actions, ...apis) as fc.Arbitrary<Req>;
}

// ── Sending and counting ──────────────────────────────────────────────────────────────────────

const counts: Record<string, number> = {};
const failures: string[] = [];
async function send(req: Req): Promise<number> {
	const headers: Record<string, string> = { accept: req.path.startsWith('/api/') ? 'application/json' : 'text/html', ...callers[req.caller].headers };
	let body = req.body;
	if (req.contentType === 'multipart/form-data' && typeof body === 'string') {
		const fd = new FormData();
		for (const [k, v] of new URLSearchParams(body)) fd.append(k, v);
		fd.append('file', new Blob(['a\u0000b;c\n'], { type: 'text/csv' }), 'x\u0000.csv');
		body = fd;
	} else if (req.contentType) headers['content-type'] = req.contentType;
	const what = `${req.method} ${req.path} as ${callers[req.caller].name} ${String(req.contentType)} ${typeof body === 'string' ? JSON.stringify(body.slice(0, 300)) : '(multipart)'}`;
	let r: Response;
	try {
		r = await fetch(url(req.path), { method: req.method, headers, body: req.method === 'GET' ? undefined : body, redirect: 'manual' });
		await r.arrayBuffer();
	} catch (err) {
		throw new Error(`no answer to ${what}`, { cause: err });
	}
	if (process.env.FUZZ_DEBUG) console.log(r.status, what);
	const cls = `${Math.floor(r.status / 100)}xx`;
	counts[cls] = (counts[cls] ?? 0) + 1;
	if (r.status >= 500) failures.push(`${r.status} ${what}`);
	return r.status;
}

it('every field of every form action and API operation refuses NUL and control characters with a 4xx', async () => {
	const nul = 'a\u0000b\u001b';
	const sent: (() => Promise<number>)[] = [];
	for (const caller of [1, 2, 4]) {
		for (const p of caller === 4 ? [] : pages) {
			for (const a of p.actions) {
				if (a === 'logout') continue;
				const form = Object.fromEntries(p.fields.map((f) => [f, nul]));
				const path = p.pattern.replace(/\[(\w+)\]/g, () => idPools.buurten?.[0] ?? 'x');
				sent.push(() => send({ method: 'POST', path: a === 'default' ? path : `${path}?/${a}`, caller, contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(form).toString() }));
			}
			sent.push(() => send({ method: 'GET', path: p.pattern.replace(/\[(\w+)\]/g, 'x') + '?page=1e309&before=%00&buurt=a%00b', caller }));
		}
		for (const o of caller === 1 ? [] : ops) {
			if (o.method === 'GET' || (o.path === '/api/v1/sessions' && o.method === 'DELETE')) continue;
			// One text field at a time holds the NUL, the others a plausible value, so each field's
			// own refusal is what stands between the NUL and PostgreSQL.
			const props = Object.entries(deref(o.body).properties ?? {});
			const good = () => plausibleObject(deref(o.body));
			const path = o.path.replace(/\{(\w+)\}/g, (_, n: string) => (/buurt/i.test(n) ? idPools.memberBuurten?.[0] : idPools[o.path.split('/')[3]]?.[0]) ?? 'x');
			const texts = props.filter(([k, v]) => deref(v).type === 'string' && !deref(v).enum && !deref(v).format && !/Id$|^id$|[kK]ey$/.test(k)).map(([k]) => k);
			for (const k of texts.length ? texts : ['_']) {
				const body = JSON.stringify({ ...good(), [k]: `Boodschappen ${nul}` });
				sent.push(() => send({ method: o.method, path, caller, contentType: 'application/json', body }));
			}
		}
		// Four at a time: the server on PGlite serialises writes anyway.
		const queue = sent.splice(0);
		await Promise.all([0, 1, 2, 3].map(async () => {
			for (let next = queue.shift(); next; next = queue.shift()) await next();
		}));
	}
	// The language switch and an oversized body.
	await send({ method: 'POST', path: '/language', caller: 1, contentType: 'application/x-www-form-urlencoded', body: 'locale=en&next=%2Fa%00b' });
	// Over the body limit the server may answer 413 and close before the client has sent it all.
	await send({ method: 'POST', path: '/api/v1/help', caller: 4, contentType: 'application/json', body: `{"title":"${'x'.repeat(17 * 1024 * 1024)}"}` }).catch((err: Error) => {
		if (!/ECONNRESET|EPIPE|other side closed/.test(`${err.message} ${String((err.cause as Error)?.message)} ${String((err.cause as { code?: string })?.code)}`)) throw err;
	});
	expect((await fetch(url('/healthz'))).status).toBe(200);
	expect(failures).toEqual([]);
}, 120_000);

// ── Open311 (/open311/v2): one catch-all route, so it gets its own garbage ────────────────────

const open311Names = ['api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'attribute[what]', 'attribute[x][]', 'description', 'email', 'media_url',
	'start_date', 'end_date', 'status', 'service_request_id', 'action', 'status_notes', 'scheduled_on', 'buurt_code', 'locale'];
const open311Value = fc.oneof(
	{ weight: 2, arbitrary: nastyString },
	{ weight: 2, arbitrary: fc.constantFrom('DEMO-open311-gemeente-noaberveen', '52.2214', '6.8931', '91', '1e309', 'NaN', '2026-12-01T00:00:00+01:00', '2026-02-30', '1900-01-01', 'open,closed', ',,,', 'public_space', 'nuisance', 'street_light', 'acknowledge', 'resolve', 'BU99990101', '9999 AA', 'nl', '0000000000000000') }
);
function open311Arb(): fc.Arbitrary<Req> {
	const seg = fc.oneof({ weight: 2, arbitrary: fc.constantFrom('public_space', 'nuisance', '00000000-0000-4000-8000-000000000000') }, { weight: 1, arbitrary: realId('proposals') }, { weight: 2, arbitrary: nastyString });
	const path = fc
		.tuple(fc.constantFrom('discovery', 'services', 'services/X', 'requests', 'requests/X', 'requests/X/updates', 'tokens/X', 'X', 'X/X/X/X'), seg, fc.constantFrom('.json', '.xml', '', '.csv', '.XML', '.', '..json'))
		.map(([p, x, ext]) => `/open311/v2/${p.replace(/X/g, encodeSegment(x))}${ext}`);
	const params = fc.dictionary(fc.constantFrom(...open311Names), open311Value, { maxKeys: 8 }).map((o) => new URLSearchParams(o as Record<string, string>).toString());
	return fc.record({
		method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE'),
		path: fc.tuple(path, params).map(([p, q]) => (q ? `${p}?${q}` : p)),
		caller: fc.nat({ max: callers.length - 1 }),
		contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json', 'text/plain', 'text/xml'),
		body: params
	}) as fc.Arbitrary<Req>;
}

it(`Open311: garbage paths, formats, methods, parameters and bodies never answer 5xx (seed ${seed})`, async () => {
	let out: unknown;
	try {
		await fc.assert(fc.asyncProperty(open311Arb(), async (req) => (await send(req)) < 500), { seed, numRuns: Math.max(100, Math.round(runs / 2)), endOnFailure: true });
	} catch (err) {
		out = err;
	}
	if (out) throw out;
	expect(failures).toEqual([]);
}, 300_000);

it(`random garbage to every route, as every kind of caller, never answers 5xx (seed ${seed}, ${runs} runs)`, async () => {
	console.log(`fuzz: seed ${seed}, ${runs} runs (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`);
	const started = Date.now();
	let out: unknown;
	try {
		await fc.assert(fc.asyncProperty(requestArb(), async (req) => (await send(req)) < 500), { seed, numRuns: runs, endOnFailure: true });
	} catch (err) {
		out = err;
	}
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	console.log(`fuzz: ${total} requests (both tests; the random ones took ${Math.round((Date.now() - started) / 1000)} s), by status class: ${JSON.stringify(counts)}`);
	if (out) throw out;
	expect(failures).toEqual([]);
}, 300_000);
