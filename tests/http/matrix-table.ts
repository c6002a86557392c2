/**
 * The expected answers of the role × route matrix, written from the rules (issue 8, README,
 * docs/ARCHITECTURE.md) — not from what the code does. One or more rows per route key of
 * tests/http/routes.ts; each row names a concrete target (whose object it is) and, per actor,
 * the answer class:
 *   ok        2xx, or a 3xx that does not go to /login       (for writes: "allowed", see below)
 *   login     401, or a 3xx to /login
 *   hidden    404 — "the app answers 404 for things you may not see" (another buurt, another
 *             corporation, results before the close)
 *   forbidden 403 — logged in, may see the area, but the role may not
 *   refused   403 or 404 — refused, where the rules do not say whether the thing is visible
 *   invalid   400/422
 *   denied    any 4xx but 401 — the thing is not done; the row's after-check proves it
 * Writes: refused cells send a VALID body aimed at someone else's object (so only the scope can
 * refuse it); `ok` cells send an empty/invalid body (`probe`) and count as "allowed" when the
 * answer is not 401/403/404/5xx and not a redirect to /login — so the matrix never changes
 * anything itself. Rows whose empty body would really act (take, support, close…) have
 * probe: null and only their refused cells are sent.
 */

import { reportRows } from './matrix-table-reports';
import { reportStaffRows } from './matrix-table-report-staff';
import { open311Rows } from './matrix-table-open311';
import { reportPageRows } from './matrix-table-report-pages';
import { boardRows } from './matrix-table-board';
import { integrationRows } from './matrix-table-integrations';
import { concernRows } from './matrix-table-concerns';
import { privacyRows } from './matrix-table-privacy';
import { moderationRows } from './matrix-table-moderation';
import { dashboardRows } from './matrix-table-dashboard';
import { careRows } from './matrix-table-care';
import { voiceSurveyRows } from './matrix-table-voice-surveys';
import { listenRows } from './matrix-table-voice-listen';

export const actors = ['anonymous', 'anna', 'piet', 'bram', 'fatima', 'wim', 'henk', 'admin', 'carla', 'gert', 'sander', 'hanna', 'olga', 'kees'] as const;
export type ActorName = (typeof actors)[number];

export const groups: Record<string, readonly ActorName[]> = {
	all: actors,
	anon: ['anonymous'],
	loggedIn: actors.filter((a) => a !== 'anonymous'),
	/** Members of the Lindebuurt: tenant, supervisor, ambassador. */
	memberL: ['anna', 'bram', 'fatima'],
	/** Staff of De Linde, every staff role. */
	staff: ['wim', 'henk', 'admin'],
	/** Partner staff linked to the Lindebuurt only. */
	partners: ['carla', 'gert', 'sander', 'hanna'],
	/** The second corporation, Woonbron Oost: its admin and its tenant. */
	otherCorp: ['olga', 'kees']
};
for (const a of actors) groups[a] = [a];

export type Cls = 'ok' | 'login' | 'hidden' | 'forbidden' | 'refused' | 'invalid' | 'denied';
/** Applied in order: later keys override earlier ones. */
export type Spec = Partial<Record<keyof typeof groups | ActorName, Cls>>;

export function resolve(spec: Spec): Record<ActorName, Cls> {
	const out = {} as Record<ActorName, Cls>;
	for (const [g, cls] of Object.entries(spec)) for (const a of groups[g]) out[a] = cls!;
	for (const a of actors) if (!out[a]) throw new Error(`spec without a class for ${a}: ${JSON.stringify(spec)}`);
	return out;
}

export type Ids = Record<string, string>;
export type Body = { json: unknown } | { form: Record<string, string> } | null;

export interface Row {
	key: string;
	/** Whose object the row aims at, for the report. */
	target: string;
	/** Ids the path and bodies need (set up in beforeAll). */
	needs?: string[];
	path: (ids: Ids) => string;
	expect: Spec;
	/** The body for refused cells: valid, aimed at someone else's object. */
	valid?: (ids: Ids, actor: ActorName) => Body;
	/** The body for allowed cells: empty by default; null = do not send (it would really act). */
	probe?: ((ids: Ids, actor: ActorName) => Body) | null;
	/** Send without the session cookie (logout would end the actor's session). */
	noSession?: boolean;
	/** Leave the answer out of the foreign-id check (the development mailbox shows all mail). */
	noLeakCheck?: boolean;
	/** Strings (id keys) that the body must contain, per actor, when the answer is ok. */
	contains?: Partial<Record<ActorName, string[]>>;
}

// ---- expectation families, each from a rule ----------------------------------------------
const pub: Spec = { all: 'ok' };
const anyone: Spec = { all: 'ok', anon: 'login' };
// "members see only their own buurt's requests/pot/proposals/rounds"; staff of the buurt's
// corporation see every buurt of it; "another corporation's staff see nothing of De Linde";
// partners "see only the buurten they are linked to and only what the README says partners see".
// The README gives partners no part in Superbuurt requests, so those are hidden from them.
// Decisions on issue 8: care, municipality and supplier partners have no part in the buurtpot
// (pot, reward scheme, proposals, rounds, activities: 404, also for their linked buurt); the
// tenants' association (README/PRODUCT: it checks feasibility "where set" and "sees the same
// neighbourhood figures as management") reads the buurtpot side of the buurten it is linked to
// only (hanna: the Lindebuurt, not the Beukenbuurt). Outside someone's scope the answer is 404,
// never 403 — scope is checked before role and before the body (people/scope.ts).
const buurtL: Spec = { all: 'hidden', anon: 'login', memberL: 'ok', staff: 'ok' };
const potL: Spec = { ...buurtL, hanna: 'ok' };
const buurtB: Spec = { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' };
const buurtW: Spec = { all: 'hidden', anon: 'login', otherCorp: 'ok' };
// The buurt page itself: partners see the buurten they are linked to.
const buurtPageL: Spec = { ...buurtL, partners: 'ok' };
// Staff pages: staff of any corporation (their own corporation's data); everyone else 403.
const staffOnly: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };
// "the audit page shows only the actor's corporation's rows (admins only)".
const adminOnly: Spec = { all: 'forbidden', anon: 'login', admin: 'ok', olga: 'ok' };
// Staff acts on a De Linde object: other non-staff get 403 (not staff) or 404 (not theirs);
// olga is staff but of another corporation → 404.
const staffOfDeLinde: Spec = { all: 'refused', anon: 'login', staff: 'ok', olga: 'hidden', kees: 'hidden', piet: 'hidden' };
// A write that only the owner (the person it is about) may do, on a Lindebuurt object:
// other members of the buurt are refused, everyone outside the buurt gets 404.
const ownerL = (owner: ActorName): Spec => ({ all: 'hidden', anon: 'login', memberL: 'refused', staff: 'refused', [owner]: 'ok' });
const outsidersL: Spec = { all: 'hidden', anon: 'login' };
// Results: "round results are 404 for everyone until the close".
const beforeClose: Spec = { all: 'hidden', anon: 'login' };

const form = (f: Record<string, string>): Body => ({ form: f });
const json = (j: unknown): Body => ({ json: j });
const emptyForm = () => form({});
const emptyJson = () => json({});
const key = () => `matrix-${Math.random().toString(36).slice(2, 12)}`;
const email = (a: ActorName) => `${a}@demo.noaber.test`;
const pb = (ids: Ids) =>
	`META\nkey;value\ndescription;matrix\ncountry;Netherlands\nunit;Lindebuurt\ninstance;2026\nnum_projects;1\nnum_votes;1\nbudget;1000\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;name\n1;500;Bankje\nVOTES\nvoter_id;vote\n1;1\n${ids.L ? '' : ''}`;
const helpBody = (buurtId: string): Body =>
	json({ buurtId, category: 'veiligheid', title: 'Matrix vraag', description: 'Een vraag van de matrix-test.', when: 'flexible', urgency: 'no_rush', place: 'buurt' });
const proposalBody = (buurtId: string): Body => json({ buurtId, title: 'Matrix voorstel', description: 'Een voorstel van de matrix-test.', costCents: 1000 });

/** Rows for a GET of a buurt-scoped thing, once per buurt, with the right family. */
const perBuurt = (k: string, p: (id: string) => string, l: Spec, b: Spec = buurtB, w: Spec = buurtW): Row[] => [
	{ key: k, target: 'Lindebuurt (De Linde)', needs: ['L'], path: (i) => p(i.L), expect: l },
	{ key: k, target: 'Beukenbuurt (De Linde)', needs: ['B'], path: (i) => p(i.B), expect: b },
	{ key: k, target: 'buurt of Woonbron Oost', needs: ['W'], path: (i) => p(i.W), expect: w }
];

export const rows: Row[] = [
	// ---- public pages and public forms: anyone (logged-in people may be sent home) ----------
	...['/', '/invite', '/login', '/login/link', '/password/forgot', '/password/reset', '/signup'].map((p) => ({ key: `PAGE ${p}`, target: 'public', path: () => p, expect: pub })),
	// Empty bodies: the public forms answer with field errors, never act.
	...['ACTION /invite', 'ACTION /login?/password', 'ACTION /login?/link', 'ACTION /login/link', 'ACTION /password/forgot', 'ACTION /password/reset', 'ACTION /signup'].map(
		// Logged-in people are sent home (ok); the anonymous visitor gets the field errors.
		(k): Row => ({ key: k, target: 'public', path: () => k.slice(7), expect: { all: 'ok', anon: 'invalid' }, probe: emptyForm, valid: emptyForm })
	),
	{ key: 'POST /api/v1/sessions', target: 'public', path: () => '/api/v1/sessions', expect: { all: 'invalid' }, probe: emptyJson, valid: emptyJson },
	{ key: 'GET /healthz', target: 'public', path: () => '/healthz', expect: pub },
	{ key: 'GET /readyz', target: 'public', path: () => '/readyz', expect: pub },
	{ key: 'GET /api/v1/openapi.json', target: 'public', path: () => '/api/v1/openapi.json', expect: pub },
	{ key: 'POST /language', target: 'own cookie', path: () => '/language', expect: pub, probe: () => form({ locale: 'nl', next: '/' }) },
	// Logging out ends the session it is sent with; sent without one, so the actors stay logged in.
	{ key: 'POST /logout', target: 'no session', path: () => '/logout', expect: pub, noSession: true, probe: emptyForm },
	// "/dev/mailbox only for loopback or admin": the test runs from loopback, so it is ok for
	// everyone here. The admin rule for remote clients cannot be tested from here: the server
	// under test is started without ADDRESS_HEADER/XFF_DEPTH, so X-Forwarded-For is not honoured.
	// It shows every mail (links with ids), so it is left out of the foreign-id check.
	{ key: 'PAGE /dev/mailbox', target: 'loopback', path: () => '/dev/mailbox', expect: pub, noLeakCheck: true },
	// The map try-out page (demo mode only, stores nothing, shows no one's data): open to all in
	// the demo; its form answers what place it understood (an empty form: "type an address").
	{ key: 'PAGE /dev/map', target: 'demo page', path: () => '/dev/map', expect: pub },
	{ key: 'ACTION /dev/map', target: 'demo page', path: () => '/dev/map', expect: pub, probe: emptyForm, valid: emptyForm },
	// The calendar feed: the token in the URL is the only key (calendar apps cannot log in);
	// a wrong token is 404 for everyone, with or without a session.
	{ key: 'GET /calendar/[buurtId]/[token].ics', target: 'Lindebuurt, wrong token', needs: ['L'], path: (i) => `/calendar/${i.L}/wrong-token.ics`, expect: { all: 'hidden' } },
	// Proposal uploads are served only to who may see the proposal; an unknown id is 404 for all.
	// The stairwell poster: staff of the buurt's corporation and its supervisors (Bram) make it; other members 403 (a page answers 404 for both); anyone else 404.
	{ key: 'PAGE /buurten/[id]/poster', target: 'Lindebuurt', needs: ['L'], path: (i) => `/buurten/${i.L}/poster`, expect: { all: 'hidden', anon: 'login', staff: 'ok', bram: 'ok' } },
	{ key: 'GET /buurten/[id]/poster/pdf', target: 'Lindebuurt', needs: ['L'], path: (i) => `/buurten/${i.L}/poster/pdf`, expect: { all: 'hidden', anon: 'login', staff: 'ok', bram: 'ok', anna: 'forbidden', fatima: 'forbidden' } },
	// The wijkconsulent's photo is seen by who sees the card: the Lindebuurt (Wim is its face), its partners, De Linde's staff.
	{ key: 'GET /uploads/consultants/[id]', target: "Wim's photo (Lindebuurt)", needs: ['wimId'], path: (i) => `/uploads/consultants/${i.wimId}`, expect: { all: 'hidden', memberL: 'ok', staff: 'ok', partners: 'ok' } },
	{ key: 'GET /uploads/consultants/[id]', target: 'nobody with a photo', path: () => '/uploads/consultants/00000000-0000-4000-8000-000000000000', expect: { all: 'hidden' } },
	{ key: 'GET /uploads/buurtpot/[id]', target: 'no such upload', path: () => '/uploads/buurtpot/00000000-0000-4000-8000-000000000000', expect: { all: 'hidden', anon: 'hidden' } },

	// ---- own things: every logged-in person has a home, inbox, settings, wallet ------------
	...['/home', '/inbox', '/settings/notifications', '/wallet', '/buurten', '/help', '/proposals', '/rounds', '/supervise'].map(
		(p): Row => ({ key: `PAGE ${p}`, target: 'own overview', path: () => p, expect: anyone })
	),
	// Lists without a buurt: people who see several buurten (staff, partners) must name one (400).
	...['/api/v1/help', '/api/v1/proposals'].map((p): Row => ({ key: `GET ${p}`, target: 'own buurt', path: () => p, expect: { ...anyone, staff: 'invalid', partners: 'invalid', olga: 'invalid' } })),
	// The check queue: the buurt's approved supervisors and staff check requests.
	{ key: 'GET /api/v1/help/queue', target: 'own check queue', path: () => '/api/v1/help/queue', expect: { all: 'forbidden', anon: 'login', bram: 'ok', staff: 'ok', olga: 'ok' } },
	...['/api/v1/me', '/api/v1/buurten', '/api/v1/notifications', '/api/v1/notifications/preferences', '/api/v1/wallet', '/api/v1/help/mine', '/api/v1/rounds'].map(
		(p): Row => ({ key: `GET ${p}`, target: 'own overview', path: () => p, expect: anyone })
	),
	{ key: 'ACTION /inbox?/read', target: 'own inbox', path: () => '/inbox?/read', expect: anyone, probe: () => form({ id: 'not-an-id' }), valid: emptyForm },
	{ key: 'ACTION /inbox?/readAll', target: 'own inbox', path: () => '/inbox?/readAll', expect: anyone, probe: null },
	{ key: 'POST /api/v1/notifications/read', target: 'own inbox', path: () => '/api/v1/notifications/read', expect: anyone, probe: () => json({ ids: 'x' }) },
	{ key: 'ACTION /settings/notifications?/save', target: 'own settings', path: () => '/settings/notifications?/save', expect: anyone, probe: () => form({ mode: 'nonsense' }) },
	// "Show my street next to my first name": one's own choice. The probe sends no box, which is
	// "off" — the default every demo account has, so nothing changes.
	{ key: 'ACTION /settings/notifications?/street', target: 'own settings', path: () => '/settings/notifications?/street', expect: anyone, probe: emptyForm },
	{ key: 'PUT /api/v1/notifications/preferences', target: 'own settings', path: () => '/api/v1/notifications/preferences', expect: anyone, probe: () => json({ mode: 'nonsense' }) },
	{ key: 'ACTION /wallet?/naming', target: 'own wallet', path: () => '/wallet?/naming', expect: anyone, probe: null },
	{ key: 'PUT /api/v1/wallet/naming', target: 'own wallet', path: () => '/api/v1/wallet/naming', expect: anyone, probe: () => json({ named: 'maybe' }) },
	// "members see only their own buurt's requests": the list for another buurt is 404.
	{ key: 'GET /api/v1/help', target: 'Lindebuurt requests', needs: ['L'], path: (i) => `/api/v1/help?buurtId=${i.L}`, expect: buurtL },
	{ key: 'GET /api/v1/help', target: 'Beukenbuurt requests', needs: ['B'], path: (i) => `/api/v1/help?buurtId=${i.B}`, expect: buurtB },
	{ key: 'GET /api/v1/proposals', target: 'Lindebuurt proposals', needs: ['L'], path: (i) => `/api/v1/proposals?buurtId=${i.L}`, expect: potL },
	{ key: 'GET /api/v1/proposals/similar', target: 'Lindebuurt proposals', needs: ['L'], path: (i) => `/api/v1/proposals/similar?buurtId=${i.L}&title=Matrix`, expect: potL },
	{ key: 'GET /api/v1/proposals/similar', target: 'Beukenbuurt proposals', needs: ['B'], path: (i) => `/api/v1/proposals/similar?buurtId=${i.B}&title=Matrix`, expect: buurtB },

	// ---- buurten: members their own, staff their corporation's, partners the linked ones ---
	...perBuurt('PAGE /buurten/[id]', (id) => `/buurten/${id}`, buurtPageL),
	...perBuurt('GET /api/v1/buurten/[id]', (id) => `/api/v1/buurten/${id}`, buurtPageL),
	...perBuurt('PAGE /buurten/[id]/pot', (id) => `/buurten/${id}/pot`, potL),
	...perBuurt('GET /api/v1/buurten/[id]/pot', (id) => `/api/v1/buurten/${id}/pot`, potL),
	...perBuurt('GET /api/v1/buurten/[id]/pot/reward-scheme', (id) => `/api/v1/buurten/${id}/pot/reward-scheme`, potL),
	...perBuurt('PAGE /buurten/[id]/proposals', (id) => `/buurten/${id}/proposals`, potL),
	...perBuurt('PAGE /buurten/[id]/activities', (id) => `/buurten/${id}/activities`, potL),
	// Proposing is for members of the buurt (staff are not members).
	...perBuurt('PAGE /buurten/[id]/proposals/new', (id) => `/buurten/${id}/proposals/new`, { ...outsidersL, memberL: 'ok', staff: 'refused' }, { ...outsidersL, piet: 'ok', staff: 'refused' }, { ...outsidersL, kees: 'ok', olga: 'refused' }),
	// Buurt settings (decision on issue 8): staff of the corporation and the buurt's approved
	// supervisors read them; other members of the buurt are refused (403); everyone else,
	// partners included, 404.
	...perBuurt('GET /api/v1/buurten/[id]/settings', (id) => `/api/v1/buurten/${id}/settings`, { ...buurtL, memberL: 'forbidden', bram: 'ok' }, { ...buurtB, piet: 'forbidden' }, { ...buurtW, kees: 'forbidden' }),

	// Money moves only by staff of the buurt's corporation (top-ups, reversals, reward scheme).
	...(['L', 'B'] as const).flatMap((b): Row[] => {
		const exp: Spec = b === 'L' ? { ...staffOfDeLinde, memberL: 'refused', partners: 'refused' } : { ...staffOfDeLinde, piet: 'refused', memberL: 'refused', partners: 'refused' };
		const t = b === 'L' ? 'Lindebuurt pot' : 'Beukenbuurt pot';
		return [
			{ key: 'POST /api/v1/buurten/[id]/pot/top-ups', target: t, needs: [b], path: (i) => `/api/v1/buurten/${i[b]}/pot/top-ups`, expect: exp, valid: () => json({ account: 'buurtpot', amountCents: 100, note: 'matrix top-up', idempotencyKey: key() }) },
			{ key: 'ACTION /buurten/[id]/pot?/topUp', target: t, needs: [b], path: (i) => `/buurten/${i[b]}/pot?/topUp`, expect: exp, valid: () => form({ account: 'buurtpot', amount: '1', note: 'matrix top-up', idempotencyKey: key() }) },
			{ key: 'POST /api/v1/buurten/[id]/pot/reversals', target: t, needs: [b, `transfer${b}`], path: (i) => `/api/v1/buurten/${i[b]}/pot/reversals`, expect: exp, valid: (i) => json({ transferId: i[`transfer${b}`], reason: 'matrix reversal', idempotencyKey: key() }) },
			{ key: 'ACTION /buurten/[id]/pot?/reverse', target: t, needs: [b, `transfer${b}`], path: (i) => `/buurten/${i[b]}/pot?/reverse`, expect: exp, valid: (i) => form({ transferId: i[`transfer${b}`], reason: 'matrix reversal', idempotencyKey: key() }) },
			{ key: 'PUT /api/v1/buurten/[id]/pot/reward-scheme', target: t, needs: [b], path: (i) => `/api/v1/buurten/${i[b]}/pot/reward-scheme`, expect: exp, probe: () => json({ veiligheid: { askerCents: -1 } }), valid: () => json({ veiligheid: { askerCents: 0, supervisorCents: 0, helperCents: 0 } }) },
			{ key: 'ACTION /buurten/[id]/pot?/scheme', target: t, needs: [b], path: (i) => `/buurten/${i[b]}/pot?/scheme`, expect: exp, probe: () => form({ category: 'veiligheid', asker: '-1' }), valid: () => form({ category: 'veiligheid', asker: '0', supervisor: '0', helper: '0', idempotencyKey: key() }) },
			{ key: 'PATCH /api/v1/buurten/[id]/settings', target: t, needs: [b], path: (i) => `/api/v1/buurten/${i[b]}/settings`, expect: exp, probe: () => json({ buurtpot: { supportDays: 0 } }), valid: () => json({ buurtpot: { supportDays: 99 } }) },
			{ key: 'ACTION /buurten/[id]/proposals?/settings', target: t, needs: [b], path: (i) => `/buurten/${i[b]}/proposals?/settings`, expect: exp, probe: () => form({ supportHouseholds: '0', supportDays: '0' }), valid: () => form({ supportHouseholds: '7', supportDays: '99' }) }
		];
	}),
	// Olga on her own buurt: the same writes are hers (a sanity row for the other corporation).
	{ key: 'POST /api/v1/buurten/[id]/pot/top-ups', target: 'Woonbron Oost pot', needs: ['W'], path: (i) => `/api/v1/buurten/${i.W}/pot/top-ups`, expect: { all: 'hidden', anon: 'login', olga: 'ok', kees: 'refused' }, valid: () => json({ account: 'buurtpot', amountCents: 100, note: 'matrix top-up', idempotencyKey: key() }) },

	// ---- Superbuurt: help requests ---------------------------------------------------------
	// "Another buurt's request is a 404"; members see their buurt's published requests; staff of
	// the corporation see them; partners have no part in Superbuurt requests (README).
	{ key: 'PAGE /help/[id]', target: "Anna's published request (Lindebuurt)", needs: ['walk'], path: (i) => `/help/${i.walk}`, expect: buurtL },
	{ key: 'GET /api/v1/help/[id]', target: "Anna's published request (Lindebuurt)", needs: ['walk'], path: (i) => `/api/v1/help/${i.walk}`, expect: buurtL },
	// The thread opens when someone takes the request (nobody has yet): the asker reads their
	// own, empty until then; other neighbours and staff (who read it only while settling a
	// dispute) are refused.
	{ key: 'GET /api/v1/help/[id]/messages', target: "Anna's published request (Lindebuurt)", needs: ['walk'], path: (i) => `/api/v1/help/${i.walk}/messages`, expect: { ...buurtL, memberL: 'forbidden', anna: 'ok', staff: 'forbidden' } },
	{ key: 'PAGE /help/[id]', target: "Piet's request (Beukenbuurt)", needs: ['helpB'], path: (i) => `/help/${i.helpB}`, expect: buurtB },
	{ key: 'GET /api/v1/help/[id]', target: "Piet's request (Beukenbuurt)", needs: ['helpB'], path: (i) => `/api/v1/help/${i.helpB}`, expect: buurtB },
	{ key: 'GET /api/v1/help/[id]', target: "Kees's request (Woonbron Oost)", needs: ['helpW'], path: (i) => `/api/v1/help/${i.helpW}`, expect: { ...buurtW, olga: 'ok' } },
	// A zorg request before it is checked: the asker, the buurt's approved supervisor and staff see
	// it (staff check when there is no supervisor); the details only asker and supervisor
	// ("staff only with a recorded reason" — no reason here, so staff see no details; see contains).
	{ key: 'GET /api/v1/help/[id]', target: "Anna's zorg request, not yet checked", needs: ['zorg'], path: (i) => `/api/v1/help/${i.zorg}`, expect: { all: 'hidden', anon: 'login', anna: 'ok', bram: 'ok', staff: 'ok' }, contains: { anna: ['zorgText'], bram: ['zorgText'] } },
	{ key: 'PAGE /help/[id]', target: "Anna's zorg request, not yet checked", needs: ['zorg'], path: (i) => `/help/${i.zorg}`, expect: { all: 'hidden', anon: 'login', anna: 'ok', bram: 'ok', staff: 'ok' }, contains: { bram: ['zorgText'] } },
	// Asking: members in their own buurt; the body names the buurt.
	// The ask page explains itself to people who cannot ask; the POST is what is guarded.
	{ key: 'PAGE /help/new', target: 'own buurt', path: () => '/help/new', expect: anyone },
	{ key: 'POST /api/v1/help', target: 'ask in the Lindebuurt', needs: ['L'], path: () => '/api/v1/help', expect: { ...buurtL, staff: 'refused', partners: 'refused' }, probe: (i) => json({ buurtId: i.L }), valid: (i) => helpBody(i.L) },
	{ key: 'ACTION /help/new', target: 'ask in the Lindebuurt', needs: ['L'], path: () => '/help/new', expect: { ...buurtL, staff: 'refused', partners: 'refused' }, probe: (i) => form({ buurtId: i.L }), valid: (i) => ({ form: (helpBody(i.L) as { json: Record<string, string> }).json }) },
	// Asking on behalf: "a supervisor or staff member can ask on behalf of a neighbour".
	{ key: 'PAGE /supervise/namens', target: 'own buurt', path: () => '/supervise/namens', expect: { all: 'forbidden', anon: 'login', bram: 'ok', staff: 'ok', olga: 'ok' } },
	{ key: 'ACTION /supervise/namens', target: 'Lindebuurt', needs: ['L'], path: () => '/supervise/namens', expect: { all: 'refused', anon: 'login', bram: 'ok', staff: 'ok', olga: 'hidden' }, probe: (i) => form({ buurtId: i.L }), valid: (i) => form({ ...(helpBody(i.L) as { json: Record<string, string> }).json, neighbourName: 'Buurvrouw', consent: 'yes', consentNote: 'mondeling', updateChannel: 'paper', idempotencyKey: key() }) },
	// Transitions on someone else's request. Outsiders 404; inside the buurt the state machine
	// decides who (help.forbidden 403 / a 409 when the state does not allow it) — a refusal
	// either way, so memberL and staff 'refused' where they have no role.
	...(
		[
			['check', { decision: 'publish', reason: 'matrix check' }],
			['resubmit', { reason: 'matrix', category: 'veiligheid', title: 'Matrix', description: 'Matrix' }],
			['cancel', { reason: 'matrix' }],
			['take', {}],
			['release', { reason: 'matrix' }],
			['done', { reason: 'matrix' }],
			['confirm', { reason: 'matrix' }],
			['dispute', { reason: 'matrix' }],
			['settle', { outcome: 'close', reason: 'matrix' }],
			['message', { body: 'matrix message' }],
			['share', {}]
		] as const
	).flatMap(([name, body]): Row[] => [
		// On Piet's request in the Beukenbuurt, nobody of the Lindebuurt, partners or Woonbron Oost may act.
		{ key: `ACTION /help/[id]?/${name}`, target: "Piet's request (Beukenbuurt)", needs: ['helpB'], path: (i) => `/help/${i.helpB}?/${name}`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' }, probe: null, valid: () => form({ ...body, idempotencyKey: key() }) },
		// On the zorg request nobody but asker, supervisor and staff may even see it.
		{ key: `ACTION /help/[id]?/${name}`, target: "Anna's zorg request (Lindebuurt)", needs: ['zorg'], path: (i) => `/help/${i.zorg}?/${name}`, expect: { all: 'hidden', anon: 'login', anna: 'ok', bram: 'ok', staff: 'ok' }, probe: null, valid: () => form({ ...body, idempotencyKey: key() }) }
	]),
	{ key: 'POST /api/v1/help/[id]/transitions', target: "Piet's request (Beukenbuurt)", needs: ['helpB'], path: (i) => `/api/v1/help/${i.helpB}/transitions`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' }, probe: () => json({ action: 'nonsense' }), valid: () => json({ action: 'cancel', reason: 'matrix' }) },
	{ key: 'POST /api/v1/help/[id]/transitions', target: "Anna's published request (Lindebuurt)", needs: ['walk'], path: (i) => `/api/v1/help/${i.walk}/transitions`, expect: { ...ownerL('anna'), staff: 'ok' }, probe: () => json({ action: 'nonsense' }), valid: () => json({ action: 'cancel', reason: 'matrix' }) },
	{ key: 'POST /api/v1/help/[id]/messages', target: "Piet's request (Beukenbuurt)", needs: ['helpB'], path: (i) => `/api/v1/help/${i.helpB}/messages`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' }, probe: () => json({ body: '' }), valid: () => json({ body: 'matrix message' }) },
	// Piet reads his own (empty) thread; staff see the request but not the thread (no dispute).
	{ key: 'GET /api/v1/help/[id]/messages', target: "Piet's request (Beukenbuurt)", needs: ['helpB'], path: (i) => `/api/v1/help/${i.helpB}/messages`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'forbidden' } },

	// Supervisors: a member signs up for their own buurt; staff appoint and end terms.
	{ key: 'ACTION /supervise?/signUp', target: 'Beukenbuurt', needs: ['B'], path: () => '/supervise?/signUp', expect: { all: 'refused', anon: 'login', piet: 'ok' }, probe: null, valid: (i) => form({ buurtId: i.B, idempotencyKey: key() }) },
	{ key: 'ACTION /supervise?/end', target: "Bram's term (Lindebuurt)", needs: ['termBram'], path: () => '/supervise?/end', expect: { all: 'hidden', anon: 'login', memberL: 'refused', bram: 'ok', staff: 'ok' }, probe: null, valid: (i) => form({ termId: i.termBram, idempotencyKey: key() }) },
	{ key: 'PAGE /staff/supervisors', target: 'own corporation', path: () => '/staff/supervisors', expect: staffOnly },
	{ key: 'ACTION /staff/supervisors?/appoint', target: 'Lindebuurt', needs: ['L', 'annaId'], path: () => '/staff/supervisors?/appoint', expect: staffOfDeLinde, probe: (i) => form({ buurtId: i.L }), valid: (i) => form({ buurtId: i.L, accountId: i.annaId, idempotencyKey: key() }) },
	{ key: 'ACTION /staff/supervisors?/end', target: "Bram's term (Lindebuurt)", needs: ['termBram'], path: () => '/staff/supervisors?/end', expect: { ...staffOfDeLinde, bram: 'ok' }, probe: null, valid: (i) => form({ termId: i.termBram, idempotencyKey: key() }) },
	{ key: 'ACTION /staff/supervisors?/settings', target: 'Lindebuurt', needs: ['L'], path: () => '/staff/supervisors?/settings', expect: staffOfDeLinde, probe: (i) => form({ buurtId: i.L, termMonths: '0' }), valid: (i) => form({ buurtId: i.L, termMonths: '6', maxSupervisors: '5', autoConfirmDays: '9', waitingDays: '9', idempotencyKey: key() }) },

	// ---- buurtpot proposals ----------------------------------------------------------------
	{ key: 'PAGE /proposals/[id]', target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/proposals/${i.P2}`, expect: potL },
	{ key: 'GET /api/v1/proposals/[id]', target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/api/v1/proposals/${i.P2}`, expect: potL },
	{ key: 'GET /api/v1/proposals/[id]', target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/api/v1/proposals/${i.PB}`, expect: buurtB },
	{ key: 'PAGE /proposals/[id]', target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/proposals/${i.PB}`, expect: buurtB },
	...['comments', 'payments', 'shifts', 'activities'].map((sub): Row => ({ key: `GET /api/v1/proposals/[id]/${sub}`, target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/api/v1/proposals/${i.PB}/${sub}`, expect: buurtB })),
	...['comments', 'payments', 'shifts', 'activities'].map((sub): Row => ({ key: `GET /api/v1/proposals/[id]/${sub}`, target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/api/v1/proposals/${i.P2}/${sub}`, expect: potL })),
	// Editing is the proposer's own ("not yours" → 404 like a missing one, or 403).
	{ key: 'PAGE /proposals/[id]/edit', target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/proposals/${i.P2}/edit`, expect: { ...ownerL('anna'), hanna: 'refused' } },
	{ key: 'ACTION /proposals/[id]/edit', target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/proposals/${i.P2}/edit`, expect: { ...ownerL('anna'), hanna: 'refused' }, probe: () => form({ title: '' }), valid: () => form({ title: 'Overgenomen door de matrix', description: 'Niet van jou.', costCents: '1000', cost: '10' }) },
	{ key: 'PATCH /api/v1/proposals/[id]', target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/api/v1/proposals/${i.P2}`, expect: { ...ownerL('anna'), hanna: 'refused' }, probe: () => json({ title: '' }), valid: () => json({ title: 'Overgenomen door de matrix' }) },
	{ key: 'POST /api/v1/proposals/[id]/withdraw', target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/api/v1/proposals/${i.P2}/withdraw`, expect: { ...ownerL('anna'), hanna: 'refused' }, probe: () => json({ reason: 7 }), valid: () => json({ reason: 'matrix withdraws' }) },
	{ key: 'ACTION /proposals/[id]?/withdraw', target: "Anna's proposal (Lindebuurt)", needs: ['P2'], path: (i) => `/proposals/${i.P2}?/withdraw`, expect: { ...ownerL('anna'), hanna: 'refused' }, probe: null, valid: () => form({ reason: 'matrix withdraws', idempotencyKey: key() }) },
	// Piet's proposal in the Beukenbuurt: nobody of the Lindebuurt or Woonbron Oost may touch it.
	...(
		[
			['POST /api/v1/proposals/[id]/support', 'support', json({})],
			['POST /api/v1/proposals/[id]/comments', 'comments', json({ body: 'matrix comment' })],
			['POST /api/v1/proposals/[id]/withdraw', 'withdraw', json({ reason: 'matrix withdraws' })],
			['POST /api/v1/proposals/[id]/feasibility', 'feasibility', json({ outcome: 'decline', reason: 'matrix declines' })],
			['POST /api/v1/proposals/[id]/updates', 'updates', json({ body: 'matrix update' })],
			['POST /api/v1/proposals/[id]/report', 'report', json({ report: 'matrix report' })],
			['POST /api/v1/proposals/[id]/shifts', 'shifts', json({ title: 'Matrix dienst', place: 'plein', date: '2030-01-01', startTime: '10:00', endTime: '11:00', capacity: 2 })],
			['POST /api/v1/proposals/[id]/activities', 'activities', json({ title: 'Matrix activiteit', place: 'plein', date: '2030-01-01', startTime: '10:00', endTime: '11:00' })]
		] as const
	).map(([k, sub, body]): Row => ({ key: k, target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/api/v1/proposals/${i.PB}/${sub}`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' }, probe: null, valid: () => body })),
	{ key: 'POST /api/v1/proposals/[id]/payments', target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/api/v1/proposals/${i.PB}/payments`, expect: { all: 'hidden', anon: 'login', piet: 'refused', staff: 'ok' }, probe: null, valid: () => form({ amountCents: '100', payee: 'Matrix BV' }) },
	{ key: 'POST /api/v1/proposals/[id]/events/[eventId]/signups', target: "Piet's proposal (Beukenbuurt), any event", needs: ['PB'], path: (i) => `/api/v1/proposals/${i.PB}/events/00000000-0000-4000-8000-000000000000/signups`, expect: { all: 'hidden', anon: 'login' }, probe: null, valid: () => json({}) },
	{ key: 'DELETE /api/v1/proposals/[id]/events/[eventId]/signups', target: "Piet's proposal (Beukenbuurt), any event", needs: ['PB'], path: (i) => `/api/v1/proposals/${i.PB}/events/00000000-0000-4000-8000-000000000000/signups`, expect: { all: 'hidden', anon: 'login' }, probe: null, valid: () => null },
	// Deleting a comment: its author or staff; outsiders 404.
	{ key: 'DELETE /api/v1/proposals/[id]/comments/[commentId]', target: "Anna's comment (Lindebuurt)", needs: ['P2', 'comment'], path: (i) => `/api/v1/proposals/${i.P2}/comments/${i.comment}`, expect: { ...ownerL('anna'), hanna: 'refused', staff: 'ok' }, probe: null, valid: () => null },
	{ key: 'ACTION /proposals/[id]?/deleteComment', target: "Anna's comment (Lindebuurt)", needs: ['P2', 'comment'], path: (i) => `/proposals/${i.P2}?/deleteComment`, expect: { ...ownerL('anna'), hanna: 'refused', staff: 'ok' }, probe: null, valid: (i) => form({ commentId: i.comment }) },
	// The proposal page's other forms, aimed at Piet's Beukenbuurt proposal.
	...(
		[
			['support', {}],
			['feasibility', { outcome: 'decline', reason: 'matrix declines' }],
			['comment', { body: 'matrix comment' }],
			['pay', { amount: '1', payee: 'Matrix BV' }],
			['update', { body: 'matrix update' }],
			['event', { kind: 'activity', title: 'Matrix activiteit', place: 'plein', date: '2030-01-01', startTime: '10:00', endTime: '11:00', capacity: '2' }],
			['signup', { eventId: '00000000-0000-4000-8000-000000000000' }],
			['cancelSignup', { eventId: '00000000-0000-4000-8000-000000000000' }],
			['cancelEvent', { eventId: '00000000-0000-4000-8000-000000000000' }],
			['finish', { report: 'matrix report' }]
		] as const
	).map(([name, body]): Row => ({ key: `ACTION /proposals/[id]?/${name}`, target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/proposals/${i.PB}?/${name}`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' }, probe: null, valid: () => form({ ...body, idempotencyKey: key() }) })),
	// Proposing: members in their own buurt only.
	{ key: 'POST /api/v1/proposals', target: 'propose in the Beukenbuurt', needs: ['B'], path: () => '/api/v1/proposals', expect: { all: 'refused', anon: 'login', piet: 'ok', otherCorp: 'hidden' }, probe: (i) => json({ buurtId: i.B }), valid: (i) => proposalBody(i.B) },
	...(['preview', 'back', 'create'] as const).map((name): Row => ({ key: `ACTION /buurten/[id]/proposals/new?/${name}`, target: 'propose in the Beukenbuurt', needs: ['B'], path: (i) => `/buurten/${i.B}/proposals/new?/${name}`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'refused' }, probe: name === 'create' ? () => form({ title: '' }) : emptyForm, valid: () => form({ title: 'Matrix voorstel', description: 'Een voorstel van de matrix-test.', cost: '10' }) })),
	// Activities page forms, aimed at the Beukenbuurt.
	...(['signup', 'cancelSignup'] as const).map((name): Row => ({ key: `ACTION /buurten/[id]/activities?/${name}`, target: 'Beukenbuurt activities', needs: ['B'], path: (i) => `/buurten/${i.B}/activities?/${name}`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' }, probe: null, valid: () => form({ eventId: '00000000-0000-4000-8000-000000000000' }) })),

	// ---- rounds ------------------------------------------------------------------------------
	{ key: 'PAGE /rounds/[id]', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/rounds/${i.R}`, expect: potL },
	{ key: 'GET /api/v1/rounds/[id]', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/api/v1/rounds/${i.R}`, expect: potL },
	// One ballot per household of the buurt; others cannot have one.
	{ key: 'GET /api/v1/rounds/[id]/ballot', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/api/v1/rounds/${i.R}/ballot`, expect: potL }, // who has no ballot is told so (200), nothing of others'
	{ key: 'PUT /api/v1/rounds/[id]/ballot', target: 'open round (Lindebuurt)', needs: ['R', 'P1project'], path: (i) => `/api/v1/rounds/${i.R}/ballot`, expect: { ...buurtL, staff: 'refused', hanna: 'refused' }, probe: () => json({ choices: 'x' }), valid: (i) => json({ choices: [i.P1project] }) },
	{ key: 'ACTION /rounds/[id]?/vote', target: 'open round (Lindebuurt)', needs: ['R', 'P1project'], path: (i) => `/rounds/${i.R}?/vote`, expect: { ...buurtL, staff: 'refused', hanna: 'refused' }, probe: null, valid: (i) => form({ choices: i.P1project }) },
	// "round results are 404 for everyone until the close".
	{ key: 'PAGE /rounds/[id]/results', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/rounds/${i.R}/results`, expect: beforeClose },
	{ key: 'GET /api/v1/rounds/[id]/results', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/api/v1/rounds/${i.R}/results`, expect: beforeClose },
	// Export of an open round: management (staff of the corporation) only. Decision: the
	// Pabulib export holds the (anonymous) ballots, so it follows the results rule — 404 before
	// the close for everyone.
	{ key: 'GET /api/v1/rounds/[id]/export', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/api/v1/rounds/${i.R}/export`, expect: beforeClose },
	// Closing, cancelling and paper ballots: staff of the corporation. "paper-ballot entry never
	// reveals the channel" is a content rule of the staff page (see the contains-free check).
	{ key: 'POST /api/v1/rounds/[id]/close', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/api/v1/rounds/${i.R}/close`, expect: { ...staffOfDeLinde, memberL: 'refused', partners: 'refused' }, probe: null, valid: () => json({}) },
	{ key: 'POST /api/v1/rounds/[id]/cancel', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/api/v1/rounds/${i.R}/cancel`, expect: { ...staffOfDeLinde, memberL: 'refused', partners: 'refused' }, probe: null, valid: () => json({ reason: 'matrix' }) },
	{ key: 'POST /api/v1/rounds/[id]/paper-ballots', target: 'open round (Lindebuurt)', needs: ['R', 'P1project'], path: (i) => `/api/v1/rounds/${i.R}/paper-ballots`, expect: { ...staffOfDeLinde, memberL: 'refused', partners: 'refused' }, probe: () => json({ postcode: 'x' }), valid: (i) => json({ postcode: '9999 AA', houseNumber: 3, choices: [i.P1project] }) },
	{ key: 'ACTION /rounds/[id]?/close', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/rounds/${i.R}?/close`, expect: { ...staffOfDeLinde, memberL: 'refused', partners: 'refused' }, probe: null, valid: () => form({}) },
	{ key: 'PAGE /staff/rounds/[id]', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/staff/rounds/${i.R}`, expect: staffOfDeLinde },
	...(['paper', 'close', 'cancel'] as const).map((name): Row => ({ key: `ACTION /staff/rounds/[id]?/${name}`, target: 'open round (Lindebuurt)', needs: ['R', 'P1project'], path: (i) => `/staff/rounds/${i.R}?/${name}`, expect: staffOfDeLinde, probe: name === 'paper' ? () => form({ postcode: 'x' }) : null, valid: (i) => form({ postcode: '9999 AA', houseNumber: '4', choices: i.P1project }) })),
	{ key: 'POST /api/v1/rounds', target: 'a round in the Lindebuurt', needs: ['L', 'P1'], path: () => '/api/v1/rounds', expect: { ...staffOfDeLinde, memberL: 'refused', partners: 'refused' }, probe: (i) => json({ buurtId: i.L }), valid: (i) => json({ buurtId: i.L, title: 'Matrix ronde', budgetSource: 'amount', budgetCents: 500, opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 864e5).toISOString(), rule: 'knapsack', proposalIds: [i.P1] }) },
	{ key: 'POST /api/v1/rounds/test-imports', target: 'a test import in the Lindebuurt', needs: ['L'], path: () => '/api/v1/rounds/test-imports', expect: { ...staffOfDeLinde, memberL: 'refused', partners: 'refused' }, probe: (i) => json({ buurtId: i.L, rule: 'knapsack', text: '' }), valid: (i) => json({ buurtId: i.L, rule: 'knapsack', text: pb(i), fileName: 'matrix.pb' }) },
	{ key: 'PAGE /staff/rounds/new', target: 'Lindebuurt', needs: ['L'], path: (i) => `/staff/rounds/new?buurt=${i.L}`, expect: staffOfDeLinde },
	{ key: 'ACTION /staff/rounds/new', target: 'Lindebuurt', needs: ['L', 'P1'], path: (i) => `/staff/rounds/new?buurt=${i.L}`, expect: staffOfDeLinde, probe: null, valid: (i) => form({ buurtId: i.L, title: 'Matrix ronde', budgetSource: 'amount', budget: '5', opensAt: new Date().toISOString().slice(0, 16), closesAt: new Date(Date.now() + 864e5).toISOString().slice(0, 16), rule: 'knapsack', proposalIds: i.P1 }) },
	{ key: 'ACTION /staff/rounds/import', target: 'Lindebuurt', needs: ['L'], path: () => '/staff/rounds/import', expect: staffOfDeLinde, probe: (i) => form({ buurtId: i.L, rule: 'knapsack' }), valid: (i) => form({ buurtId: i.L, rule: 'knapsack' }) },

	// ---- staff pages (the actor's own corporation) -------------------------------------------
	...['/staff', '/staff/complexes', '/staff/consultants', '/staff/import', '/staff/people', '/staff/rounds', '/staff/rounds/import'].map((p): Row => ({ key: `PAGE ${p}`, target: 'own corporation', path: () => p, expect: staffOnly })),
	{ key: 'PAGE /staff/audit', target: 'own corporation', path: () => '/staff/audit', expect: adminOnly },
	// Staff forms of the staff's own corporation: staff allowed (probed with an empty form);
	// everyone else 403. Aimed at a De Linde object (a Lindebuurt complex or buurt), scope
	// comes before role: whoever does not see the Lindebuurt (olga, kees, piet) gets 404.
	{ key: 'ACTION /staff/complexes?/letters', target: 'De Linde complexes', needs: ['complexL'], path: () => '/staff/complexes?/letters', expect: staffOfDeLinde, probe: () => form({ complexId: 'x' }), valid: (i) => form({ complexId: i.complexL }) },
	{ key: 'ACTION /staff/import', target: 'own corporation', path: () => '/staff/import', expect: staffOnly, probe: emptyForm, valid: emptyForm },
	// Every staff member keeps their own consultant card; admins and wijkconsulenten (not the huismeester) choose a buurt's consultant.
	{ key: 'ACTION /staff/consultants?/card', target: 'own card', path: () => '/staff/consultants?/card', expect: staffOnly, probe: emptyForm, valid: () => form({ displayName: 'Matrix Kaart', about: 'Matrix', phone: '0599 000 000' }) },
	// The card photo: a staff member's own; the empty form is "no photo chosen" (400). Removing would really act: only refusals are sent.
	{ key: 'ACTION /staff/consultants?/photo', target: 'own card', path: () => '/staff/consultants?/photo', expect: staffOnly, probe: emptyForm, valid: emptyForm },
	{ key: 'ACTION /staff/consultants?/removePhoto', target: 'own card', path: () => '/staff/consultants?/removePhoto', expect: staffOnly, probe: null, valid: emptyForm },
	{ key: 'ACTION /staff/consultants?/link', target: 'Lindebuurt', needs: ['L'], path: () => '/staff/consultants?/link', expect: { all: 'forbidden', anon: 'login', staff: 'ok', henk: 'forbidden', olga: 'hidden' }, probe: (i) => form({ buurtId: i.L, accountId: 'x' }), valid: (i) => form({ buurtId: i.L, accountId: '' }) },
	{ key: 'ACTION /staff/people?/organisation', target: 'own corporation', path: () => '/staff/people?/organisation', expect: staffOnly, probe: emptyForm, valid: () => form({ kind: 'care', orgName: 'Matrix zorg' }) },
	{ key: 'ACTION /staff/people?/ambassador', target: 'Lindebuurt', needs: ['L'], path: () => '/staff/people?/ambassador', expect: staffOfDeLinde, probe: (i) => form({ buurtId: i.L }), valid: (i) => form({ buurtId: i.L, ambassadorEmail: 'anna@demo.noaber.test' }) },
	{ key: 'ACTION /staff/people?/endAmbassador', target: "Fatima's ambassadorship (Lindebuurt)", needs: ['L', 'fatimaId'], path: () => '/staff/people?/endAmbassador', expect: staffOfDeLinde, probe: null, valid: (i) => form({ buurtId: i.L, accountId: i.fatimaId }) },
	// "staff cannot make themselves members of a unit": each staff member invites their own
	// e-mail address as tenant of a Lindebuurt unit → refused (any 4xx: 'refused' here means the
	// invitation is not made; the after-check looks at the actor's memberships).
	{ key: 'ACTION /staff/people?/invite', target: 'own e-mail as tenant of C-100-002', path: () => '/staff/people?/invite', expect: { all: 'forbidden', anon: 'login', staff: 'denied', olga: 'denied' }, valid: (_i, a) => form({ target: 'member:tenant', eenheid: 'C-100-002', email: email(a), name: 'Zelf Lid', locale: 'nl' }) },

	// ---- rows for the routes added with the scope, follow-up, buurtpot and forms work ----------
	// Nobody acts on a request, proposal or invitation that is not theirs to act on; where the
	// object is in the wrong state for everyone (Piet's request is not redirected), every
	// logged-in actor is refused with some 4xx and the after-check proves nothing changed.
	{ key: 'PAGE /invitations', target: 'own invitations', path: () => '/invitations', expect: anyone },
	{ key: 'ACTION /invitations?/answer', target: 'an invitation that is not theirs', path: () => '/invitations?/answer', expect: { all: 'denied', anon: 'login' }, valid: () => form({ invitationId: '00000000-0000-4000-8000-000000000000', accept: 'yes' }) },
	...(['followUpAssign', 'followUpAnswer', 'followUpClose'] as const).map((name): Row => ({ key: `ACTION /help/[id]?/${name}`, target: "Piet's request (Beukenbuurt), not redirected", needs: ['helpB'], path: (i) => `/help/${i.helpB}?/${name}`, expect: { all: 'denied', anon: 'login' }, valid: () => form({ note: 'matrix notitie', idempotencyKey: key() }) })),
	{ key: 'GET /api/v1/help/[id]/follow-up', target: "Piet's request (Beukenbuurt)", needs: ['helpB'], path: (i) => `/api/v1/help/${i.helpB}/follow-up`, expect: { ...buurtB, piet: 'denied', staff: 'denied' } }, // those who may see it get 409: the request is not redirected
	{ key: 'POST /api/v1/help/[id]/follow-up', target: "Piet's request (Beukenbuurt), not redirected", needs: ['helpB'], path: (i) => `/api/v1/help/${i.helpB}/follow-up`, expect: { all: 'denied', anon: 'login' }, valid: () => json({ action: 'answer', note: 'matrix notitie' }) },
	// Zorg details with a reason: only staff whose turn it is (no supervisor, a dispute or a
	// redirect); the Lindebuurt has an approved supervisor, so nobody here.
	{ key: 'ACTION /help/[id]?/readZorg', target: "Anna's zorg request (Lindebuurt), supervisor present", needs: ['zorg'], path: (i) => `/help/${i.zorg}?/readZorg`, expect: { all: 'denied', anon: 'login' }, valid: () => form({ reason: 'matrix: wil het lezen', idempotencyKey: key() }) },
	// The same over the API: on Anna's zorg request nobody may (a supervisor handles it: staff
	// 403, the asker and the supervisor see it but do not "open" it, 403; others 404). On Piet's
	// zorg request in the Beukenbuurt (no supervisor) it is staff's turn: the probe sends no
	// reason (400, allowed), the refused cells a valid reason.
	{ key: 'POST /api/v1/help/[id]/zorg-reads', target: "Anna's zorg request (Lindebuurt), supervisor present", needs: ['zorg'], path: (i) => `/api/v1/help/${i.zorg}/zorg-reads`, expect: { all: 'hidden', anon: 'login', anna: 'forbidden', bram: 'forbidden', staff: 'forbidden' }, valid: () => json({ reason: 'matrix: wil het lezen' }) },
	{ key: 'POST /api/v1/help/[id]/zorg-reads', target: "Piet's zorg request (Beukenbuurt), no supervisor", needs: ['zorgB'], path: (i) => `/api/v1/help/${i.zorgB}/zorg-reads`, expect: { all: 'hidden', anon: 'login', piet: 'forbidden', staff: 'ok' }, probe: emptyJson, valid: () => json({ reason: 'matrix: wil het lezen' }) },
	// Hiding a comment is for staff of the buurt's corporation.
	{ key: 'ACTION /proposals/[id]?/hideComment', target: "Anna's comment (Lindebuurt)", needs: ['P2', 'comment'], path: (i) => `/proposals/${i.P2}?/hideComment`, expect: { all: 'denied', anon: 'login', staff: 'ok' }, probe: null, valid: (i) => form({ commentId: i.comment, reason: 'matrix reden' }) },
	{ key: 'POST /api/v1/proposals/[id]/comments/[commentId]/hide', target: "Anna's comment (Lindebuurt)", needs: ['P2', 'comment'], path: (i) => `/api/v1/proposals/${i.P2}/comments/${i.comment}/hide`, expect: { all: 'denied', anon: 'login', staff: 'ok' }, probe: null, valid: () => json({ reason: 'matrix reden' }) },
	// Withdrawing support is for a household that supported; nobody here supported Piet's proposal.
	{ key: 'ACTION /proposals/[id]?/withdrawSupport', target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/proposals/${i.PB}?/withdrawSupport`, expect: { all: 'denied', anon: 'login' }, valid: () => form({ idempotencyKey: key() }) },
	{ key: 'DELETE /api/v1/proposals/[id]/support', target: "Piet's proposal (Beukenbuurt)", needs: ['PB'], path: (i) => `/api/v1/proposals/${i.PB}/support`, expect: { all: 'denied', anon: 'login' }, valid: () => null },
	// Closing a round early, approving a supervisor term, linking a partner to a buurt: staff.
	{ key: 'ACTION /staff/rounds/[id]?/closeEarly', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/staff/rounds/${i.R}?/closeEarly`, expect: { all: 'denied', anon: 'login', staff: 'ok' }, probe: null, valid: () => form({ reason: 'matrix reden' }) },
	{ key: 'POST /api/v1/rounds/[id]/close-early', target: 'open round (Lindebuurt)', needs: ['R'], path: (i) => `/api/v1/rounds/${i.R}/close-early`, expect: { all: 'denied', anon: 'login', staff: 'ok' }, probe: null, valid: () => json({ reason: 'matrix reden' }) },
	{ key: 'ACTION /staff/supervisors?/approve', target: 'a term that does not exist', path: () => '/staff/supervisors?/approve', expect: { all: 'denied', anon: 'login' }, probe: emptyForm, valid: () => form({ termId: '00000000-0000-4000-8000-000000000000', startsOn: '2027-01-01', endsOn: '2027-06-30' }) },
	{ key: 'ACTION /staff/people?/linkOrganisation', target: 'an organisation that does not exist', needs: ['L'], path: () => '/staff/people?/linkOrganisation', expect: { all: 'denied', anon: 'login', staff: 'ok' }, probe: emptyForm, valid: (i) => form({ organisationId: '00000000-0000-4000-8000-000000000000', buurtId: i.L }) },
	// ---- Meldingen (reports): tests/http/matrix-table-reports.ts ----------------------------
	...reportRows,
	...reportStaffRows,
	...open311Rows,
	...reportPageRows,
	...boardRows,
	...integrationRows,
	...concernRows,
	...privacyRows,
	...moderationRows,
	...dashboardRows,
	...careRows,
	...voiceSurveyRows,
	...listenRows
];
