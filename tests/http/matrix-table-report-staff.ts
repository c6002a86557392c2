import type { Body, Row, Spec } from './matrix-table';

/**
 * Meldingen, the handling pages (issue 10): the staff queue, one report for staff, categories,
 * routing (with teams and retention), and the partners' work orders. Rows aim at the demo's own
 * reports (set up in matrix.test.ts: `reportDoor` the supplier's planned work order in the
 * Lindebuurt, `reportNuisance` a private burenoverlast report, `reportLight` the municipality's
 * street light) and category (`categoryRepairs`). The rules (docs/ARCHITECTURE.md, "Meldingen"):
 * staff pages are for staff (403 for everyone else, before any body is read); staff of another
 * corporation get the report's 404; a partner's page shows only what is routed to the partner's
 * organisation (404 for anyone else, staff included: they have their own page). Every allowed
 * cell sends an empty or invalid body, so the matrix changes nothing.
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});
const note = 'Een notitie van de matrix-test.';
const staffOnly: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };
// A De Linde report or category: staff of De Linde act; olga (another corporation) gets its 404.
const staffOfReport: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'hidden' };
const partners: Spec = { all: 'forbidden', anon: 'login', partners: 'ok' };
const onlyFor = (who: 'sander' | 'gert'): Spec => ({ all: 'hidden', anon: 'login', [who]: 'ok' });
const reports = [
	['reportDoor', "the supplier's work order (Lindebuurt)"],
	['reportNuisance', 'a private burenoverlast report (Lindebuurt)']
] as const;

export const reportStaffRows: Row[] = [
	{ key: 'PAGE /staff/reports', target: 'own corporation', path: () => '/staff/reports', expect: staffOnly },
	{ key: 'PAGE /staff/reports', target: 'filtered: mine, overdue, page 2', path: () => '/staff/reports?state=all&handler=me&overdue=1&page=2', expect: staffOnly },
	{ key: 'ACTION /staff/reports?/assign', target: "the supplier's work order", needs: ['reportDoor'], path: () => '/staff/reports?/assign', expect: staffOfReport, probe: emptyForm, valid: (i) => form({ reportId: i.reportDoor, party: 'corporation' }) },
	...reports.flatMap(([id, target]): Row[] => [
		{ key: 'PAGE /staff/reports/[id]', target, needs: [id], path: (i) => `/staff/reports/${i[id]}`, expect: staffOfReport },
		...(['acknowledge', 'start', 'resolve', 'reject', 'forward', 'reply', 'merge', 'assign'] as const).map(
			(a): Row => ({
				key: `ACTION /staff/reports/[id]?/${a}`,
				target,
				needs: [id],
				path: (i) => `/staff/reports/${i[id]}?/${a}`,
				expect: staffOfReport,
				probe: emptyForm,
				valid: () => form({ note, forwardedTo: 'Wijkagent', intoId: '00000000-0000-4000-8000-000000000000', party: 'corporation' })
			})
		)
	]),
	{ key: 'PAGE /staff/reports/[id]', target: 'no such report', path: () => '/staff/reports/00000000-0000-4000-8000-000000000000', expect: { ...staffOfReport, staff: 'hidden' } },
	{ key: 'PAGE /staff/reports/categories', target: 'own corporation', path: () => '/staff/reports/categories', expect: staffOnly },
	{ key: 'ACTION /staff/reports/categories?/create', target: 'own corporation', path: () => '/staff/reports/categories?/create', expect: staffOnly, probe: emptyForm, valid: () => form({ kind: 'other', nameNl: 'Matrix', nameEn: 'Matrix', visibility: 'private', party: 'corporation', slaWorkingDays: '5' }) },
	{ key: 'ACTION /staff/reports/categories?/update', target: 'De Linde repairs', needs: ['categoryRepairs'], path: () => '/staff/reports/categories?/update', expect: staffOfReport, probe: emptyForm, valid: (i) => form({ categoryId: i.categoryRepairs, nameNl: 'Overgenomen', nameEn: 'Taken over', visibility: 'public', party: 'corporation', slaWorkingDays: '1' }) },
	{ key: 'ACTION /staff/reports/categories?/question', target: 'De Linde repairs', needs: ['categoryRepairs'], path: () => '/staff/reports/categories?/question', expect: staffOfReport, probe: emptyForm, valid: (i) => form({ categoryId: i.categoryRepairs, kind: 'text', labelNl: 'Matrixvraag', labelEn: 'Matrix question' }) },
	{ key: 'PAGE /staff/reports/routing', target: 'own corporation', path: () => '/staff/reports/routing', expect: staffOnly },
	// The rules, teams and setting of the actor's own corporation: empty forms change nothing.
	...['add', 'move', 'delete', 'team', 'settings'].map((a): Row => ({ key: `ACTION /staff/reports/routing?/${a}`, target: 'own corporation', path: () => `/staff/reports/routing?/${a}`, expect: staffOnly, probe: emptyForm, valid: () => form({ name: 'Matrixteam', retentionMonths: '1', party: 'corporation' }) })),
	{ key: 'PAGE /partner/work-orders', target: "own organisation's work orders", path: () => '/partner/work-orders', expect: partners },
	{ key: 'PAGE /partner/work-orders/[id]', target: "the supplier's work order", needs: ['reportDoor'], path: (i) => `/partner/work-orders/${i.reportDoor}`, expect: onlyFor('sander') },
	{ key: 'PAGE /partner/work-orders/[id]', target: "the municipality's street light", needs: ['reportLight'], path: (i) => `/partner/work-orders/${i.reportLight}`, expect: onlyFor('gert') },
	{ key: 'PAGE /partner/work-orders/[id]', target: 'a private burenoverlast report', needs: ['reportNuisance'], path: (i) => `/partner/work-orders/${i.reportNuisance}`, expect: { all: 'hidden', anon: 'login' } },
	...(['accept', 'schedule', 'close'] as const).map(
		(a): Row => ({ key: `ACTION /partner/work-orders/[id]?/${a}`, target: "the supplier's work order", needs: ['reportDoor'], path: (i) => `/partner/work-orders/${i.reportDoor}?/${a}`, expect: onlyFor('sander'), probe: emptyForm, valid: () => form({ note, scheduledOn: '2099-01-01' }) })
	)
];
