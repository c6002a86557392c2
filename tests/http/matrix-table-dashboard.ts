import type { Row, Spec } from './matrix-table';

/**
 * The dashboard (docs/ARCHITECTURE.md, "Dashboard"): members see their own buurt's figures,
 * staff their corporation's, the tenants' association the buurten (and their complexes) it is
 * linked to, the municipality the gemeente and wijken of its linked buurten and those buurten (no
 * complexes); care and supplier partners and other corporations nothing (404). All reads; the
 * demo has Lindebuurt (L) and Beukenbuurt (B) in wijk WK999901 of gemeente GM9999, and Woonbron
 * Oost's Esdoornbuurt (W).
 */
const anyDashboard: Spec = { all: 'ok', anon: 'login', carla: 'hidden', sander: 'hidden' };
const buurtL: Spec = { all: 'hidden', anon: 'login', memberL: 'ok', staff: 'ok', hanna: 'ok', gert: 'ok' };
const buurtB: Spec = { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' };
const buurtW: Spec = { all: 'hidden', anon: 'login', otherCorp: 'ok' };
const wijk: Spec = { all: 'hidden', anon: 'login', staff: 'ok', gert: 'ok' };
const complexL: Spec = { all: 'hidden', anon: 'login', staff: 'ok', hanna: 'ok' };

const areas = (key: string, base: string): Row[] => [
	{ key, target: 'the first area one may see', path: () => base, expect: anyDashboard },
	{ key, target: 'Lindebuurt (De Linde)', needs: ['L'], path: (i) => `${base}?area=buurt:${i.L}`, expect: buurtL },
	{ key, target: 'Beukenbuurt (De Linde)', needs: ['B'], path: (i) => `${base}?area=buurt:${i.B}`, expect: buurtB },
	{ key, target: 'buurt of Woonbron Oost', needs: ['W'], path: (i) => `${base}?area=buurt:${i.W}`, expect: buurtW },
	{ key, target: 'wijk Centrum (De Linde)', path: () => `${base}?area=wijk:WK999901`, expect: wijk },
	{ key, target: 'gemeente Noaberveen (De Linde)', path: () => `${base}?area=gemeente:GM9999&period=2026`, expect: wijk },
	{ key, target: 'complex Lindehof', needs: ['complexL'], path: (i) => `${base}?area=complex:${i.complexL}`, expect: complexL },
	// The corporation's id is not in the ids; a corporation that does not exist is 404 for everyone.
	{ key, target: 'an unknown corporation', path: () => `${base}?area=corporation:00000000-0000-4000-8000-000000000000`, expect: { all: 'hidden', anon: 'login' } },
	{ key, target: 'a period not kept', path: () => `${base}?period=1999-01`, expect: { all: 'invalid', anon: 'login', carla: 'hidden', sander: 'hidden' } }
];

export const dashboardRows: Row[] = [
	...areas('PAGE /dashboard', '/dashboard'),
	...areas('GET /api/v1/dashboard', '/api/v1/dashboard'),
	{ key: 'GET /api/v1/dashboard/export.csv', target: 'every buurt one may see', path: () => '/api/v1/dashboard/export.csv?level=buurt', expect: anyDashboard },
	{ key: 'GET /api/v1/dashboard/export.csv', target: 'complexes (staff: all; association: its own; the rest none, still 200)', path: () => '/api/v1/dashboard/export.csv?level=complex&period=2026', expect: anyDashboard },
	{ key: 'GET /api/v1/dashboard/export.geojson', target: 'every wijk one may see', path: () => '/api/v1/dashboard/export.geojson?level=wijk', expect: anyDashboard },
	{ key: 'GET /api/v1/dashboard/export.geojson', target: 'complexes have no CBS code', path: () => '/api/v1/dashboard/export.geojson?level=complex', expect: { all: 'invalid', anon: 'login', carla: 'hidden', sander: 'hidden' } }
];
