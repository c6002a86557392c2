import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { baseUrl, browserHeaders, cookieSession, url } from './client';
import { openApiOperations, routeTree } from './routes';
import { actors, resolve, rows, type ActorName, type Body, type Cls, type Ids, type Row } from './matrix-table';
import { reportPageIds } from './matrix-table-report-pages';
import { boardIds, boardSnapshot } from './matrix-table-board';
import { concernForeignTo, concernIds } from './matrix-table-concerns';
import { moderationIds } from './matrix-table-moderation';
import { careIds, careSnapshot } from './matrix-table-care';
import { voiceSurveyIds } from './matrix-table-voice-surveys';
import { listenForeignTo, listenIds, listenSnapshot } from './matrix-table-voice-listen';

/**
 * The role × route matrix: every route of src/routes and every OpenAPI operation has a row in
 * matrix-table.ts (the expected answer per actor, from the rules), and every cell is sent to the
 * running server. MATRIX_ACTORS=anna,bram,… restricts the actors (for development); the
 * anonymous visitor is always in. A listed actor whose login fails fails the run.
 */
const only = process.env.MATRIX_ACTORS?.split(',').map((s) => s.trim()).filter(Boolean);
const active: ActorName[] = actors.filter((a) => a === 'anonymous' || !only || only.includes(a));
const sessions = new Map<ActorName, string | null>([['anonymous', null]]);
const ids: Ids = {};
const texts: Record<string, string> = { zorgText: 'Matrix: ik heb hulp nodig bij het aantrekken van steunkousen.', careNote: 'Houdt van een kopje koffie' };
const counts = { routes: 0, operations: 0, actors: 0, cells: 0, writesRefused: 0, skippedRows: 0, skippedCells: 0 };
const failures: string[] = [];

type Answer = { status: number; location: string; text: string };

async function send(who: ActorName | null, method: string, path: string, body: Body = null): Promise<Answer> {
	const cookie = who ? sessions.get(who) : null;
	const headers: Record<string, string> = { origin: baseUrl(), accept: path.startsWith('/api/') ? 'application/json' : 'text/html' };
	if (cookie) headers.cookie = cookie;
	let payload: string | undefined;
	if (body && 'json' in body) {
		headers['content-type'] = 'application/json';
		payload = JSON.stringify(body.json);
	} else if (body && 'form' in body) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		payload = new URLSearchParams(body.form).toString();
	} else if (method !== 'GET' && method !== 'DELETE') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		payload = '';
	}
	const r = await fetch(url(path), { method, headers, body: payload, redirect: 'manual' });
	return { status: r.status, location: r.headers.get('location') ?? '', text: await r.text() };
}

const asJson = async (who: ActorName, method: string, path: string, body?: unknown) => {
	const a = await send(who, method, path, body === undefined ? null : { json: body });
	if (a.status >= 300) throw new Error(`setup ${who} ${method} ${path}: ${a.status} ${a.text.slice(0, 300)}`);
	return JSON.parse(a.text);
};
const has = (...names: ActorName[]) => names.every((n) => sessions.has(n));

function classOf(a: Answer): string {
	if (a.status >= 500) return `error ${a.status}`;
	const loc = a.location ? new URL(a.location, baseUrl()).pathname : '';
	if (a.status === 401 || (a.status >= 300 && a.status < 400 && loc === '/login')) return 'login';
	if (a.status < 400) return 'ok';
	if (a.status === 404) return 'hidden';
	if (a.status === 403) return 'forbidden';
	if (a.status === 400 || a.status === 422) return 'invalid';
	return `status ${a.status}`;
}

function matches(expected: Cls, got: string, a: Answer, probe: boolean): boolean {
	if (expected === 'ok' && probe) return ['ok', 'invalid', 'status 409', 'status 413'].includes(got);
	if (expected === 'refused') return got === 'hidden' || got === 'forbidden';
	if (expected === 'denied') return a.status >= 400 && a.status < 500 && a.status !== 401;
	return expected === got;
}

/** Ids each actor may not see, from the rules (see matrix-table.ts for the reasons). */
function foreignTo(actor: ActorName): string[] {
	const L = ['L', 'walk', 'zorg', 'lamp', 'P1', 'P2', 'R', 'boardPost', 'boardReply', 'boardGroup', 'modItem', 'voiceSeed', 'voiceSmall', 'voiceAction'];
	const B = ['B', 'helpB', 'PB', 'zorgB'];
	const W = ['W', 'helpW'];
	const f: Record<ActorName, string[]> = {
		anonymous: [...L, ...B, ...W],
		anna: [...B, ...W],
		bram: [...B, ...W],
		fatima: [...B, ...W, 'zorg', 'zorgText'],
		piet: [...L, ...W, 'zorgText'],
		wim: [...W, 'zorgText'],
		henk: [...W, 'zorgText'],
		admin: [...W, 'zorgText'],
		carla: [...B, ...W, 'walk', 'zorg', 'lamp', 'zorgText', 'P1', 'P2', 'R'],
		gert: [...B, ...W, 'walk', 'zorg', 'lamp', 'zorgText', 'P1', 'P2', 'R'],
		sander: [...B, ...W, 'walk', 'zorg', 'lamp', 'zorgText', 'P1', 'P2', 'R'],
		hanna: [...B, ...W, 'walk', 'zorg', 'lamp', 'zorgText'],
		olga: [...L, ...B, 'zorgText'],
		kees: [...L, ...B, 'zorgText']
	};
	// The care bridge: only the provider and the vetted helper ever see the request or its note.
	const care = ['carla', 'fatima'].includes(actor) ? [] : ['careReq', 'careNote'];
	return [...f[actor], ...concernForeignTo(actor), ...listenForeignTo(actor), ...care];
}
const valueOf = (k: string) => ids[k] ?? texts[k];

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
	let next = 0;
	await Promise.all(Array.from({ length: n }, async () => {
		while (next < items.length) await fn(items[next++]);
	}));
}

/** What the owners see of the objects the matrix aims at; must be the same after the run. */
async function snapshot(): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	const look = async (label: string, who: ActorName, path: string, pick: (j: Record<string, unknown>) => unknown = (j) => j) => {
		if (!sessions.has(who)) return;
		const a = await send(who, 'GET', path);
		out[label] = `${a.status} ${a.status < 300 ? JSON.stringify(pick(JSON.parse(a.text))) : ''}`;
	};
	const pot = (j: Record<string, unknown>) => ({ f: j.fundingCents, b: j.buurtpotCents, n: (j.movements as unknown[]).length, s: j.rewardScheme });
	const jobs: Promise<void>[] = [];
	for (const b of ['L', 'B', 'W'] as const) if (ids[b]) {
		const owner = b === 'W' ? 'olga' : 'wim';
		jobs.push(look(`pot ${b}`, owner, `/api/v1/buurten/${ids[b]}/pot`, pot), look(`settings ${b}`, owner, `/api/v1/buurten/${ids[b]}/settings`));
		jobs.push(look(`rounds ${b}`, owner, `/api/v1/rounds?buurtId=${ids[b]}`), look(`proposals ${b}`, owner, `/api/v1/proposals?buurtId=${ids[b]}`));
		jobs.push(look(`help ${b}`, owner, `/api/v1/help?buurtId=${ids[b]}`));
	}
	for (const h of ['walk', 'zorg', 'helpB', 'zorgB', 'helpW'] as const) if (ids[h]) {
		const owner = h === 'helpW' ? 'olga' : 'wim';
		jobs.push(look(`help ${h}`, owner, `/api/v1/help/${ids[h]}`), look(`thread ${h}`, owner === 'wim' && !['helpB', 'zorgB'].includes(h) ? 'anna' : ['helpB', 'zorgB'].includes(h) ? 'piet' : 'kees', `/api/v1/help/${ids[h]}/messages`));
	}
	for (const p of ['P1', 'P2', 'PB'] as const) if (ids[p]) jobs.push(look(`proposal ${p}`, 'wim', `/api/v1/proposals/${ids[p]}`), look(`comments ${p}`, 'wim', `/api/v1/proposals/${ids[p]}/comments`));
	if (ids.R) jobs.push(look('round R', 'wim', `/api/v1/rounds/${ids.R}`), look('staff round page', 'wim', `/api/v1/rounds/${ids.R}/results`, () => 'results'));
	for (const a of active) if (a !== 'anonymous' && sessions.has(a)) jobs.push(look(`roles ${a}`, a, '/api/v1/me', (j) => j.roles));
	for (const r of ['reportDoor', 'reportNuisance', 'reportLight'] as const) if (ids[r]) jobs.push(look(`report ${r}`, 'wim', `/api/v1/reports/${ids[r]}`));
	if (ids.categoryRepairs) jobs.push(look('categories', 'wim', '/api/v1/reports/categories'), look('routing', 'wim', '/api/v1/reports/routing-rules'));
	if (sessions.has('wim')) for (const [label, path] of boardSnapshot(ids)) jobs.push(look(label, 'wim', path));
	if (sessions.has('carla')) for (const [label, path] of careSnapshot(ids)) jobs.push(look(label, 'carla', path));
	if (sessions.has('wim')) for (const [label, path] of listenSnapshot(ids)) jobs.push(look(label, 'wim', path));
	if (ids.termBram) jobs.push(look('bram supervises', 'bram', '/api/v1/me', (j) => (j.roles as { supervisorOf: unknown }).supervisorOf));
	await Promise.all(jobs);
	return out;
}

let before: Record<string, string> = {};
let tree: ReturnType<typeof routeTree>;
let operations: string[] = [];

beforeAll(async () => {
	tree = routeTree();
	operations = openApiOperations(JSON.parse((await send(null, 'GET', '/api/v1/openapi.json')).text));
	// Log each actor in once (the login rate limit counts failures per client, not successes).
	for (const a of active) if (a !== 'anonymous') sessions.set(a, await cookieSession(`${a}@demo.noaber.test`));
	counts.actors = active.length;

	// Real ids, fetched as their owners.
	if (has('wim')) {
		const list = (await asJson('wim', 'GET', '/api/v1/buurten')).buurten as { id: string; name: string }[];
		ids.L = list.find((b) => b.name === 'Lindebuurt')!.id;
		ids.B = list.find((b) => b.name === 'Beukenbuurt')!.id;
		// Anna's proposal P2 stays in support (made before the threshold drops).
		if (has('anna')) {
			ids.P2 = (await asJson('anna', 'POST', '/api/v1/proposals', { buurtId: ids.L, title: 'Bloembakken in de Lindehof', description: 'Vier bloembakken.', costCents: 20_000 })).id;
			ids.comment = (await asJson('anna', 'POST', `/api/v1/proposals/${ids.P2}/comments`, { body: 'Wie doet mee?' })).id;
		}
		// One supporting household is enough in the Lindebuurt, so the setup can reach a round.
		await asJson('wim', 'PATCH', `/api/v1/buurten/${ids.L}/settings`, { buurtpot: { supportHouseholds: 1 } });
		for (const b of ['L', 'B']) {
			const pot = await asJson('wim', 'GET', `/api/v1/buurten/${ids[b]}/pot`);
			const t = (pot.movements as { transferId: string; kind: string }[]).find((m) => m.kind !== 'reward');
			if (t) ids[`transfer${b}`] = t.transferId;
		}
		const complexes = await send('wim', 'GET', '/staff/complexes');
		const m = /name="complexId"[^>]*value="([0-9a-f-]{36})"|value="([0-9a-f-]{36})"[^>]*name="complexId"/.exec(complexes.text);
		if (m) ids.complexL = m[1] ?? m[2];
		// The demo's own reports and a category, for the handling pages (matrix-table-report-staff.ts).
		const queue = (await asJson('wim', 'GET', '/api/v1/reports?scope=queue')).reports as { id: string; category: { kind: string } }[];
		for (const [k, kind] of [['reportDoor', 'repairs'], ['reportNuisance', 'nuisance'], ['reportLight', 'public_space']]) ids[k] = queue.find((r) => r.category.kind === kind)?.id ?? '';
		ids.categoryRepairs = ((await asJson('wim', 'GET', '/api/v1/reports/categories')).categories as { id: string; kind: string; parentId: string | null }[]).find((c) => c.kind === 'repairs' && !c.parentId)?.id ?? '';
	}
	if (has('wim')) {
		ids.wimId = (await asJson('wim', 'GET', '/api/v1/me')).id;
		// Wim's card photo, put there now: the fuzzer (same server, before this file) may have removed the demo's.
		const photo = new FormData();
		photo.append('photo', new Blob([new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer())], { type: 'image/png' }), 'wim.png');
		const r = await fetch(url('/staff/consultants?/photo'), { method: 'POST', headers: browserHeaders(sessions.get('wim')!), body: photo, redirect: 'manual' });
		if (!r.ok && r.status !== 303) throw new Error(`wim's photo: ${r.status}`);
	}
	if (has('anna')) {
		ids.annaId = (await asJson('anna', 'GET', '/api/v1/me')).id;
		const help = await asJson('anna', 'GET', '/api/v1/help/mine');
		const mine = JSON.stringify(help);
		ids.walk = /"id":"([0-9a-f-]{36})"[^{}]*"title":"Wie loopt/.exec(mine)?.[1] ?? '';
		ids.zorg = (await asJson('anna', 'POST', '/api/v1/help', { buurtId: ids.L, category: 'zorg', zorgLabel: 'steunkousen', title: 'Hulp bij steunkousen', description: texts.zorgText, when: 'flexible', urgency: 'soon', place: 'home' })).id;
		ids.P1 = (await asJson('anna', 'POST', '/api/v1/proposals', { buurtId: ids.L, title: 'Bankje bij de speeltuin', description: 'Een bankje voor de ouders.', costCents: 1000 })).id;
	}
	if (has('wim')) await boardIds(asJson, ids);
	if (has('admin')) {
		const page = await send('admin', 'GET', '/staff/webhooks');
		ids.webhook = /href="\/staff\/webhooks\/([0-9a-f-]{36})"/.exec(page.text)?.[1] ?? '';
	}
	if (has('henk', 'anna', 'wim')) await concernIds((who, method, path) => send(who, method, path), asJson, ids);
	if (has('wim')) await moderationIds(asJson, ids);
	if (has('wim', 'carla')) await careIds(asJson, async (who, path, body) => (await send(who, 'POST', path, { form: body })).status, ids);
	if (has('wim')) await voiceSurveyIds(asJson, async (who, path) => (await send(who, 'GET', path)).text, ids);
	if (has('wim')) await listenIds(send, ids);
	if (has('fatima')) ids.fatimaId = (await asJson('fatima', 'GET', '/api/v1/me')).id;
	if (has('bram')) {
		const page = await send('bram', 'GET', '/supervise');
		ids.termBram = /name="termId"[^>]*value="([0-9a-f-]{36})"|value="([0-9a-f-]{36})"[^>]*name="termId"/.exec(page.text)?.slice(1).find(Boolean) ?? '';
	}
	if (has('piet')) {
		ids.helpB = (await asJson('piet', 'POST', '/api/v1/help', { buurtId: ids.B, category: 'onderhoud_gedeeld', title: 'Fietsenstalling opruimen', description: 'Wie helpt de stalling op te ruimen?', when: 'flexible', urgency: 'no_rush', place: 'shared' })).id;
		ids.zorgB = (await asJson('piet', 'POST', '/api/v1/help', { buurtId: ids.B, category: 'zorg', zorgLabel: 'steunkousen', title: 'Hulp bij steunkousen', description: 'Matrix: Piet vraagt hulp bij steunkousen.', when: 'flexible', urgency: 'soon', place: 'home' })).id;
		ids.PB = (await asJson('piet', 'POST', '/api/v1/proposals', { buurtId: ids.B, title: 'Buurtfeest Beukenhof', description: 'Een feest voor de hele buurt.', costCents: 30_000 })).id;
	}
	// An open round in the Lindebuurt: the proposer's household is the one support needed, Wim accepts and opens.
	if (has('wim', 'anna', 'bram')) {
		await asJson('wim', 'POST', `/api/v1/proposals/${ids.P1}/feasibility`, { outcome: 'accept', reason: 'Past in het budget.' });
		ids.R = (await asJson('wim', 'POST', '/api/v1/rounds', { buurtId: ids.L, title: 'Ronde voorjaar', budgetSource: 'amount', budgetCents: 1000, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 7 * 864e5).toISOString(), rule: 'knapsack', proposalIds: [ids.P1] })).id;
		const round = JSON.stringify(await asJson('wim', 'GET', `/api/v1/rounds/${ids.R}`));
		ids.P1project = /"projectId":"([^"]+)"/.exec(round)?.[1] ?? '';
	}
	if (has('olga')) ids.W = ((await asJson('olga', 'GET', '/api/v1/buurten')).buurten as { id: string }[])[0]?.id ?? '';
	if (has('kees') && ids.W) ids.helpW = (await asJson('kees', 'POST', '/api/v1/help', { buurtId: ids.W, category: 'veiligheid', title: 'Donker pad', description: 'Wie loopt mee?', when: 'flexible', urgency: 'no_rush', place: 'buurt' })).id;
	if (has('anna', 'fatima', 'bram')) Object.assign(ids, await reportPageIds());
	for (const [k, v] of Object.entries(ids)) if (!v) delete ids[k];
	before = await snapshot();
}, 120_000);

afterAll(() => {
	console.log(
		`role × route matrix: ${counts.routes} routes (${tree?.pages.length} pages, ${tree?.actions.length} form actions, ${tree?.endpoints.length} endpoints), ` +
			`${counts.operations} OpenAPI operations, ${rows.length} rows, ${counts.actors} actors, ${counts.cells} cells checked, ${counts.writesRefused} writes refused, ` +
			`${counts.skippedRows} rows and ${counts.skippedCells} cells skipped (actors or ids missing${only ? `, MATRIX_ACTORS=${only.join(',')}` : ''})`
	);
});

describe('role × route matrix', () => {
	it('has a row for every route, form action, endpoint and OpenAPI operation — and none for a route that is gone', () => {
		const keys = new Set(rows.map((r) => r.key));
		const routes = [...tree.pages, ...tree.actions, ...tree.endpoints];
		counts.routes = routes.length;
		counts.operations = operations.length;
		const missing = [...routes, ...operations].filter((k) => !keys.has(k));
		const known = new Set([...routes, ...operations]);
		const stale = [...keys].filter((k) => !known.has(k));
		expect({ missing: [...new Set(missing)], stale }).toEqual({ missing: [], stale: [] });
	});

	// Minutes on a loaded machine (about 4 cells a second with load 27 on 2 cores); seconds when idle.
	it('answers every cell as the rules say, leaks no foreign id, and changes nothing it refuses', { timeout: 900_000 }, async () => {
		type Cell = { row: Row; actor: ActorName; expected: Cls; write: boolean; probe: boolean; body: Body };
		const reads: Cell[] = [];
		const writes: Cell[] = [];
		for (const row of rows) {
			const method = row.key.startsWith('PAGE ') ? 'GET' : row.key.startsWith('ACTION ') ? 'POST' : row.key.split(' ')[0];
			if ((row.needs ?? []).some((n) => !ids[n])) {
				counts.skippedRows++;
				continue;
			}
			const exp = resolve(row.expect);
			for (const actor of actors) {
				if (!sessions.has(actor)) {
					counts.skippedCells++;
					continue;
				}
				const write = method !== 'GET';
				const expected = exp[actor];
				const probe = write && expected === 'ok';
				let body: Body = null;
				if (write) {
					const make = probe ? row.probe : row.valid;
					if (probe && row.probe === null) {
						counts.skippedCells++;
						continue;
					}
					body = make ? make(ids, actor) : method === 'DELETE' ? null : row.key.startsWith('ACTION ') ? { form: {} } : { json: {} };
				}
				(write ? writes : reads).push({ row, actor, expected, write, probe, body });
			}
		}
		const check = async (c: Cell) => {
			const method = c.row.key.startsWith('PAGE ') ? 'GET' : c.row.key.startsWith('ACTION ') ? 'POST' : c.row.key.split(' ')[0];
			const path = c.row.path(ids);
			const a = await send(c.row.noSession ? null : c.actor, method, path, c.body);
			const got = classOf(a);
			counts.cells++;
			const where = `${c.row.key} [${c.row.target}] as ${c.actor}`;
			if (!matches(c.expected, got, a, c.probe)) {
				failures.push(`${where}: expected ${c.probe ? 'allowed' : c.expected}, got ${got} (${a.status}${a.location ? ` → ${a.location}` : ''})`);
				return;
			}
			if (c.write && !c.probe) counts.writesRefused++;
			if (got === 'ok' && !c.write && !c.row.noLeakCheck) {
				for (const k of foreignTo(c.actor)) {
					const v = valueOf(k);
					if (v && !path.includes(v) && a.text.includes(v)) failures.push(`${where}: the answer shows ${k} (${v.slice(0, 40)}), which ${c.actor} may not see`);
				}
				for (const k of c.row.contains?.[c.actor] ?? []) if (!a.text.includes(valueOf(k))) failures.push(`${where}: the answer lacks ${k}`);
			}
		};
		await pool(reads, 8, check);
		await pool(writes, 8, check);
		const after = await snapshot();
		for (const k of Object.keys(before))
			if (before[k] !== after[k]) {
				const parse = (v: string) => { try { return JSON.parse(v.slice(4)) as Record<string, unknown>; } catch { return { raw: v }; } };
				const [b, a] = [parse(before[k]), parse(after[k])];
				const diff = Object.keys({ ...b, ...a }).filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f])).map((f) => `${f}: ${JSON.stringify(b[f])?.slice(0, 150)} → ${JSON.stringify(a[f])?.slice(0, 150)}`);
				failures.push(`after the refused writes, ${k} changed: ${diff.join('; ')}`);
			}
		const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
		const seen = [...new Set(failures.map((f) => f.replace(id, '<id>')))].sort();
		console.log(`matrix: ${seen.length} cells differ from the rules`);
		if (seen.length) console.log(`matrix failures (${seen.length}):\n${seen.join('\n')}`);
		expect(seen).toEqual([]);
	});
});
