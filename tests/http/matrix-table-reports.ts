import type { Body, Row, Spec } from './matrix-table';

/**
 * Meldingen (/api/v1/reports): rows from the rules in docs/ARCHITECTURE.md ("Meldingen"):
 * lists are scoped by the actor (mine: anyone; a buurt's public list and its figures: its
 * members and the corporation's staff; the queue: staff; work orders: a partner's own, empty
 * for others); management is staff of the corporation named (a corporation nobody here is staff
 * of is refused for everyone); an unknown report or category is 404 for everyone. These rows
 * aim at ids that do not exist or at nobody's corporation, so no cell changes anything; rows on
 * the demo's own reports (a supplier's work order, a private nuisance report) are left for the
 * pages' issue.
 */
const none = '00000000-0000-4000-8000-000000000000';
const json = (j: unknown): Body => ({ json: j });
const anyone: Spec = { all: 'ok', anon: 'login' };
const buurtL: Spec = { all: 'hidden', anon: 'login', memberL: 'ok', staff: 'ok' };
const staffOnly: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };
const forbiddenAll: Spec = { all: 'forbidden', anon: 'login' };
const hiddenAll: Spec = { all: 'hidden', anon: 'login' };

export const reportRows: Row[] = [
	{ key: 'GET /api/v1/reports', target: 'own reports', path: () => '/api/v1/reports', expect: anyone },
	{ key: 'GET /api/v1/reports', target: 'own work orders', path: () => '/api/v1/reports?scope=work-orders', expect: anyone },
	{ key: 'GET /api/v1/reports', target: 'the staff queue', path: () => '/api/v1/reports?scope=queue', expect: staffOnly },
	{ key: 'GET /api/v1/reports', target: 'Lindebuurt public reports', needs: ['L'], path: (i) => `/api/v1/reports?scope=buurt&buurtId=${i.L}`, expect: buurtL },
	{ key: 'GET /api/v1/reports', target: 'Beukenbuurt public reports', needs: ['B'], path: (i) => `/api/v1/reports?scope=buurt&buurtId=${i.B}`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' } },
	// An empty body is bad input for everyone logged in: nothing is made.
	{ key: 'POST /api/v1/reports', target: 'own report', path: () => '/api/v1/reports', expect: anyone },
	{ key: 'POST /api/v1/reports/duplicates', target: 'search (changes nothing)', path: () => '/api/v1/reports/duplicates', expect: anyone },
	{ key: 'GET /api/v1/reports/figures', target: 'Lindebuurt figures', needs: ['L'], path: (i) => `/api/v1/reports/figures?buurtId=${i.L}`, expect: buurtL },
	{ key: 'GET /api/v1/reports/figures', target: 'Beukenbuurt figures', needs: ['B'], path: (i) => `/api/v1/reports/figures?buurtId=${i.B}`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' } },
	{ key: 'GET /api/v1/reports/categories', target: "own corporation's categories", path: () => '/api/v1/reports/categories', expect: anyone },
	{ key: 'POST /api/v1/reports/categories', target: "nobody's corporation", path: () => '/api/v1/reports/categories', expect: forbiddenAll, probe: null, valid: () => json({ corporationId: none, kind: 'other', serviceCode: 'matrix', nameNl: 'Matrix', nameEn: 'Matrix', visibility: 'private', party: { kind: 'corporation' }, slaWorkingDays: 5 }) },
	{ key: 'PATCH /api/v1/reports/categories/[id]', target: 'no such category', path: () => `/api/v1/reports/categories/${none}`, expect: hiddenAll, probe: null, valid: () => json({ active: false }) },
	{ key: 'POST /api/v1/reports/categories/[id]/questions', target: 'no such category', path: () => `/api/v1/reports/categories/${none}/questions`, expect: hiddenAll, probe: null, valid: () => json({ code: 'matrix', kind: 'text', labelNl: 'Vraag', labelEn: 'Question' }) },
	{ key: 'GET /api/v1/reports/routing-rules', target: 'own corporation', path: () => '/api/v1/reports/routing-rules', expect: staffOnly },
	{ key: 'PUT /api/v1/reports/routing-rules', target: "nobody's corporation", path: () => '/api/v1/reports/routing-rules', expect: forbiddenAll, probe: null, valid: () => json({ corporationId: none, rules: [] }) },
	{ key: 'PUT /api/v1/reports/settings', target: "nobody's corporation", path: () => '/api/v1/reports/settings', expect: forbiddenAll, probe: null, valid: () => json({ corporationId: none, retentionMonths: 12 }) },
	{ key: 'POST /api/v1/reports/teams', target: "nobody's corporation", path: () => '/api/v1/reports/teams', expect: forbiddenAll, probe: null, valid: () => json({ corporationId: none, name: 'Matrix team' }) },
	{ key: 'POST /api/v1/reports/assign', target: 'no such report', path: () => '/api/v1/reports/assign', expect: { all: 'denied', anon: 'login' }, probe: null, valid: () => json({ reportIds: [none], party: { kind: 'corporation' } }) },
	{ key: 'GET /api/v1/reports/[id]', target: 'no such report', path: () => `/api/v1/reports/${none}`, expect: hiddenAll },
	{ key: 'PATCH /api/v1/reports/[id]', target: 'no such report', path: () => `/api/v1/reports/${none}`, expect: hiddenAll, probe: null, valid: () => json({ description: 'Matrix tekst' }) },
	{ key: 'POST /api/v1/reports/[id]/transitions', target: 'no such report', path: () => `/api/v1/reports/${none}/transitions`, expect: hiddenAll, probe: null, valid: () => json({ action: 'acknowledge', note: 'matrix notitie' }) },
	{ key: 'POST /api/v1/reports/[id]/follow', target: 'no such report', path: () => `/api/v1/reports/${none}/follow`, expect: hiddenAll, probe: null, valid: () => json({ support: true }) },
	{ key: 'DELETE /api/v1/reports/[id]/follow', target: 'not followed', path: () => `/api/v1/reports/${none}/follow`, expect: { all: 'denied', anon: 'login' }, probe: null, valid: () => null },
	{ key: 'POST /api/v1/reports/[id]/satisfaction', target: 'no such report', path: () => `/api/v1/reports/${none}/satisfaction`, expect: hiddenAll, probe: null, valid: () => json({ score: 3 }) }
];
