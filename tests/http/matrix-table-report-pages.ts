import type { Body, Ids, Row, Spec } from './matrix-table';
import { baseUrl, cookieSession, url } from './client';

/**
 * The resident's meldingen pages (/reports, /reports/new, /reports/[id], a report photo, a buurt's
 * reports): rows from docs/ARCHITECTURE.md ("Meldingen", who sees what) on the demo's own
 * reports — Anna's door in the Lindebuurt (public; a work order of the supplier, Sander), Noor's
 * litter report (public, resolved, answered), Fatima's nuisance report (always private) and
 * Bram's street light (public space: the municipality's, Gert) — plus a report with a photo Anna
 * makes through the form in the setup. A report one may not see is a 404 like a missing one;
 * a step one's role may not take is refused. The form's steps only read and check (an empty
 * post is a mistake next to a field); its last step and the follow buttons really act, so only
 * their refused cells are sent.
 */
const none = '00000000-0000-4000-8000-000000000000';
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});
const key = () => `matrix-${Math.random().toString(36).slice(2, 12)}`;
const anyone: Spec = { all: 'ok', anon: 'login' };
const outsiders: Spec = { all: 'hidden', anon: 'login' };
const buurtL: Spec = { ...outsiders, memberL: 'ok', staff: 'ok' };
const door: Spec = { ...buurtL, sander: 'ok' };
const nuisance: Spec = { ...outsiders, fatima: 'ok', staff: 'ok' };
const lamp: Spec = { ...buurtL, gert: 'ok' };
// A reporter's step on someone else's report: whoever sees it is refused by role, others 404.
const reporterOnly = (seers: Spec): Spec => Object.fromEntries(Object.entries(seers).map(([g, c]) => [g, c === 'ok' ? 'refused' : c]));

const newSteps = ['category', 'location', 'details', 'back'].map(
	(step): Row => ({ key: `ACTION /reports/new?/${step}`, target: 'own form (checks only)', path: () => `/reports/new?/${step}`, expect: anyone, probe: emptyForm })
);

export const reportPageRows: Row[] = [
	{ key: 'PAGE /reports', target: 'own reports and follows', path: () => '/reports', expect: anyone },
	{ key: 'PAGE /reports/new', target: 'own form', path: () => '/reports/new', expect: anyone },
	...newSteps,
	// An empty last step is a mistake (no category): nothing is made.
	{ key: 'ACTION /reports/new?/create', target: 'own report', path: () => '/reports/new?/create', expect: anyone, probe: emptyForm },
	{ key: 'ACTION /reports/new?/follow', target: "Fatima's nuisance report (private)", needs: ['repNuisance'], path: () => '/reports/new?/follow', expect: nuisance, probe: null, valid: (i) => form({ reportId: i.repNuisance }) },
	{ key: 'ACTION /reports/new?/follow', target: 'no such report', path: () => '/reports/new?/follow', expect: outsiders, probe: null, valid: () => form({ reportId: none }) },

	{ key: 'PAGE /reports/[id]', target: "Anna's door (Lindebuurt, supplier's work order)", needs: ['repDoor'], path: (i) => `/reports/${i.repDoor}`, expect: door },
	{ key: 'PAGE /reports/[id]', target: "Fatima's nuisance report (private)", needs: ['repNuisance'], path: (i) => `/reports/${i.repNuisance}`, expect: nuisance },
	{ key: 'PAGE /reports/[id]', target: "Bram's street light (municipality)", needs: ['repLamp'], path: (i) => `/reports/${i.repLamp}`, expect: lamp },
	{ key: 'PAGE /reports/[id]', target: 'no such report', path: () => `/reports/${none}`, expect: outsiders },
	{ key: 'PAGE /reports/[id]', target: 'not an id', path: () => '/reports/not-an-id', expect: outsiders },
	{ key: 'ACTION /reports/[id]?/edit', target: "Anna's door", needs: ['repDoor'], path: (i) => `/reports/${i.repDoor}?/edit`, expect: { ...reporterOnly(door), anna: 'ok' }, probe: null, valid: () => form({ description: 'Overgenomen door de matrix.', idempotencyKey: key() }) },
	{ key: 'ACTION /reports/[id]?/withdraw', target: "Anna's door", needs: ['repDoor'], path: (i) => `/reports/${i.repDoor}?/withdraw`, expect: { ...reporterOnly(door), anna: 'ok' }, probe: null, valid: () => form({ note: 'matrix trekt in', idempotencyKey: key() }) },
	{ key: 'ACTION /reports/[id]?/satisfaction', target: "Noor's litter report (resolved)", needs: ['repLitter'], path: (i) => `/reports/${i.repLitter}?/satisfaction`, expect: reporterOnly(buurtL), valid: () => form({ score: '1', idempotencyKey: key() }) },
	{ key: 'ACTION /reports/[id]?/reopen', target: "Noor's litter report (resolved)", needs: ['repLitter'], path: (i) => `/reports/${i.repLitter}?/reopen`, expect: reporterOnly(buurtL), valid: () => form({ note: 'Klopt niet, zegt de matrix.', idempotencyKey: key() }) },
	{ key: 'ACTION /reports/[id]?/follow', target: "Fatima's nuisance report (private)", needs: ['repNuisance'], path: (i) => `/reports/${i.repNuisance}?/follow`, expect: nuisance, probe: null, valid: () => form({ support: 'on', idempotencyKey: key() }) },
	// Stopping to follow touches only one's own follow row: a report not followed is refused for all.
	{ key: 'ACTION /reports/[id]?/unfollow', target: 'not followed', needs: ['repNuisance'], path: (i) => `/reports/${i.repNuisance}?/unfollow`, expect: { all: 'denied', anon: 'login' }, probe: null, valid: emptyForm },

	// A photo goes to whoever may see its report's details; without a session it is simply not there.
	{ key: 'GET /uploads/reports/[id]', target: "photo of Anna's report (Lindebuurt, supplier's)", needs: ['repPhotoFile'], path: (i) => `/uploads/reports/${i.repPhotoFile}`, expect: { ...door, anon: 'hidden' } },
	{ key: 'GET /uploads/reports/[id]', target: 'no such photo', path: () => `/uploads/reports/${none}`, expect: { all: 'hidden' } },

	{ key: 'PAGE /buurten/[id]/reports', target: 'Lindebuurt (De Linde)', needs: ['L'], path: (i) => `/buurten/${i.L}/reports`, expect: buurtL },
	{ key: 'PAGE /buurten/[id]/reports', target: 'Beukenbuurt (De Linde)', needs: ['B'], path: (i) => `/buurten/${i.B}/reports`, expect: { ...outsiders, piet: 'ok', staff: 'ok' } },
	{ key: 'PAGE /buurten/[id]/reports', target: 'buurt of Woonbron Oost', needs: ['W'], path: (i) => `/buurten/${i.W}/reports`, expect: { ...outsiders, otherCorp: 'ok' } }
];

/** A 1×1 PNG, enough for the photo pipeline. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * The demo's report ids, read as their reporters, and one report with a photo that Anna makes
 * through the form (multipart, as a browser sends it). Called from matrix.test.ts's setup.
 */
export async function reportPageIds(): Promise<Ids> {
	const ids: Ids = {};
	const session = async (who: string) => cookieSession(`${who}@demo.noaber.test`);
	const get = async (cookie: string, path: string) => (await fetch(url(path), { headers: { cookie, accept: 'application/json' } })).json();
	type Listed = { id: string; isMine: boolean; category: { kind: string } };
	const [anna, fatima, bram] = await Promise.all(['anna', 'fatima', 'bram'].map(session));
	const annas = (await get(anna, '/api/v1/reports')).reports as Listed[];
	ids.repDoor = annas.find((r) => r.isMine && r.category.kind === 'repairs')?.id ?? '';
	ids.repLitter = annas.find((r) => !r.isMine && r.category.kind === 'cleanliness')?.id ?? '';
	ids.repNuisance = ((await get(fatima, '/api/v1/reports')).reports as Listed[]).find((r) => r.category.kind === 'nuisance')?.id ?? '';
	ids.repLamp = ((await get(bram, '/api/v1/reports')).reports as Listed[]).find((r) => r.category.kind === 'public_space')?.id ?? '';
	const categories = (await get(anna, '/api/v1/reports/categories')).categories as { id: string; kind: string; parentId: string | null }[];
	const repairs = categories.find((c) => c.kind === 'repairs' && !c.parentId)?.id;
	const body = new FormData();
	for (const [k, v] of Object.entries({ categoryId: repairs ?? '', where: 'complex', description: 'Matrix: de lamp bij de voordeur is kapot.', 'answers.where': 'voordeur', 'answers.dangerous': 'no' })) body.set(k, v);
	body.set('photos', new Blob([png], { type: 'image/png' }), 'lamp.png');
	const made = await fetch(url('/reports/new?/create'), { method: 'POST', redirect: 'manual', headers: { cookie: anna, origin: baseUrl(), accept: 'text/html' }, body });
	const id = /\/reports\/([0-9a-f-]{36})/.exec(made.headers.get('location') ?? '')?.[1];
	if (!id) throw new Error(`setup: Anna's report with a photo: ${made.status} ${(await made.text()).slice(0, 300)}`);
	ids.repPhoto = id;
	ids.repPhotoFile = ((await get(anna, `/api/v1/reports/${id}`)).photos as { id: string }[])[0]?.id ?? '';
	return ids;
}
