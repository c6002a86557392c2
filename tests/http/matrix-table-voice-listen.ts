import type { ActorName, Body, Ids, Row, Spec } from './matrix-table';

/**
 * Stem van de buurt, listening (docs/ARCHITECTURE.md, "Voice: conversations, personas,
 * advice"): conversations, themes and personas are staff-only (another corporation's staff get
 * 404 on De Linde's); an advice request is seen by staff of its corporation and the board of the
 * association it was sent to (Hanna), nobody else; the association's pages are for board
 * members only; the published replies of a buurt are read by its members, staff and its linked
 * association. Rows aim at the demo's own objects: a conversation, the persona "De huurder",
 * the open request (waiting for Hanna's answer) and the closed one (answered, replied).
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});
const none = '00000000-0000-4000-8000-000000000000';

const staffOnly: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };
/** A De Linde object on a staff page: non-staff 403 (the page is staff's), olga 404 (not hers). */
const lindeStaff: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'hidden' };
const boardOnly: Spec = { all: 'forbidden', anon: 'login', hanna: 'ok' };
/** The association's page of a De Linde request: other people are not on a board (403). */
const hannasRequest: Spec = { all: 'forbidden', anon: 'login', hanna: 'ok' };
const docSeers: Spec = { all: 'hidden', staff: 'ok', hanna: 'ok' };
const api: Spec = { all: 'hidden', anon: 'login', staff: 'ok', hanna: 'ok' };

const perBuurt = (k: string, p: (id: string) => string): Row[] => [
	{ key: k, target: 'Lindebuurt (De Linde)', needs: ['L'], path: (i) => p(i.L), expect: { all: 'hidden', anon: 'login', memberL: 'ok', staff: 'ok', hanna: 'ok' } },
	{ key: k, target: 'Beukenbuurt (De Linde)', needs: ['B'], path: (i) => p(i.B), expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' } },
	{ key: k, target: 'buurt of Woonbron Oost', needs: ['W'], path: (i) => p(i.W), expect: { all: 'hidden', anon: 'login', otherCorp: 'ok' } }
];
const conv = 'a demo conversation (De Linde)';
const persona = 'persona “De huurder” (De Linde)';
const open = 'the demo’s open advice request (waiting for Hanna)';
const closed = 'the demo’s closed advice request';
const c = (i: Ids) => `/staff/voice/conversations/${i.listenConversation}`;
const p = (i: Ids) => `/staff/voice/personas/${i.listenPersona}`;

export const listenRows: Row[] = [
	{ key: 'PAGE /staff/voice/conversations', target: 'own corporation', path: () => '/staff/voice/conversations', expect: staffOnly },
	{ key: 'PAGE /staff/voice/conversations/new', target: 'own corporation', path: () => '/staff/voice/conversations/new', expect: staffOnly },
	{ key: 'ACTION /staff/voice/conversations/new?/record', target: 'own corporation', path: () => '/staff/voice/conversations/new?/record', expect: staffOnly, probe: emptyForm, valid: () => form({ heldOn: '2026-01-01', area: `buurt:${none}`, format: 'phone' }) },
	{ key: 'PAGE /staff/voice/conversations/[id]', target: conv, needs: ['listenConversation'], path: c, expect: lindeStaff },
	{ key: 'ACTION /staff/voice/conversations/[id]?/quote', target: conv, needs: ['listenConversation'], path: (i) => `${c(i)}?/quote`, expect: lindeStaff, probe: emptyForm, valid: () => form({ body: 'Matrix citaat' }) },
	{ key: 'ACTION /staff/voice/conversations/[id]?/delete', target: conv, needs: ['listenConversation'], path: (i) => `${c(i)}?/delete`, expect: lindeStaff, probe: null, valid: emptyForm },
	{ key: 'PAGE /staff/voice/themes', target: 'own corporation', path: () => '/staff/voice/themes', expect: staffOnly },
	{ key: 'ACTION /staff/voice/themes?/save', target: 'own corporation', path: () => '/staff/voice/themes?/save', expect: staffOnly, probe: emptyForm, valid: () => form({ name: 'Matrix thema' }) },
	// Archiving acts at once: only the refused cells are sent (a theme nobody has).
	{ key: 'ACTION /staff/voice/themes?/archive', target: 'a theme that does not exist', path: () => '/staff/voice/themes?/archive', expect: { ...staffOnly, staff: 'hidden', olga: 'hidden' }, valid: () => form({ themeId: none, archived: 'true' }) },
	{ key: 'PAGE /staff/voice/personas', target: 'own corporation', path: () => '/staff/voice/personas', expect: staffOnly },
	{ key: 'ACTION /staff/voice/personas?/create', target: 'own corporation', path: () => '/staff/voice/personas?/create', expect: staffOnly, probe: emptyForm, valid: () => form({ nameNl: 'M', nameEn: 'M', aboutNl: 'M', aboutEn: 'M', needsNl: 'M', needsEn: 'M' }) },
	{ key: 'PAGE /staff/voice/personas/[id]', target: persona, needs: ['listenPersona'], path: p, expect: lindeStaff },
	{ key: 'ACTION /staff/voice/personas/[id]?/save', target: persona, needs: ['listenPersona'], path: (i) => `${p(i)}?/save`, expect: lindeStaff, probe: emptyForm, valid: () => form({ nameNl: 'M', nameEn: 'M', aboutNl: 'M', aboutEn: 'M', needsNl: 'M', needsEn: 'M' }) },
	{ key: 'ACTION /staff/voice/personas/[id]?/linkQuote', target: persona, needs: ['listenPersona'], path: (i) => `${p(i)}?/linkQuote`, expect: lindeStaff, probe: emptyForm, valid: () => form({ quoteId: none }) },
	{ key: 'ACTION /staff/voice/personas/[id]?/addFigure', target: persona, needs: ['listenPersona'], path: (i) => `${p(i)}?/addFigure`, expect: lindeStaff, probe: emptyForm, valid: () => form({ value: '1', label: 'Matrix', source: 'Matrix' }) },
	{ key: 'ACTION /staff/voice/personas/[id]?/addSurvey', target: persona, needs: ['listenPersona'], path: (i) => `${p(i)}?/addSurvey`, expect: lindeStaff, probe: emptyForm, valid: () => form({ questionId: none }) },
	{ key: 'ACTION /staff/voice/personas/[id]?/addCount', target: persona, needs: ['listenPersona'], path: (i) => `${p(i)}?/addCount`, expect: lindeStaff, probe: emptyForm, valid: () => form({ metric: 'help.requests_year' }) },
	{ key: 'ACTION /staff/voice/personas/[id]?/remove', target: persona, needs: ['listenPersona'], path: (i) => `${p(i)}?/remove`, expect: lindeStaff, probe: null, valid: () => form({ evidenceId: none }) },
	{ key: 'PAGE /staff/voice/advice', target: 'own corporation', path: () => '/staff/voice/advice', expect: staffOnly },
	{ key: 'PAGE /staff/voice/advice/new', target: 'own corporation', path: () => '/staff/voice/advice/new', expect: staffOnly },
	{ key: 'ACTION /staff/voice/advice/new?/send', target: 'own corporation', path: () => '/staff/voice/advice/new?/send', expect: staffOnly, probe: emptyForm, valid: () => form({ organisationId: none, area: `buurt:${none}`, subject: 'Matrix', intendedDecision: 'Matrix besluit', legalBasis: 'advice', deadlineOn: '2030-01-01' }) },
	{ key: 'PAGE /staff/voice/advice/[id]', target: open, needs: ['adviceOpen'], path: (i) => `/staff/voice/advice/${i.adviceOpen}`, expect: lindeStaff },
	// Not answered yet: a reply and closing are 409 for staff (nothing changes); the body is refused for others.
	{ key: 'ACTION /staff/voice/advice/[id]?/reply', target: open, needs: ['adviceOpen'], path: (i) => `/staff/voice/advice/${i.adviceOpen}?/reply`, expect: lindeStaff, probe: emptyForm, valid: () => form({ outcome: 'follows', reasons: 'Matrix redenen hier' }) },
	{ key: 'ACTION /staff/voice/advice/[id]?/close', target: open, needs: ['adviceOpen'], path: (i) => `/staff/voice/advice/${i.adviceOpen}?/close`, expect: lindeStaff, probe: emptyForm, valid: emptyForm },
	{ key: 'PAGE /association/advice', target: 'own association', path: () => '/association/advice', expect: boardOnly },
	{ key: 'PAGE /association/advice/[id]', target: open, needs: ['adviceOpen'], path: (i) => `/association/advice/${i.adviceOpen}`, expect: hannasRequest },
	{ key: 'ACTION /association/advice/[id]?/answer', target: open, needs: ['adviceOpen'], path: (i) => `/association/advice/${i.adviceOpen}?/answer`, expect: hannasRequest, probe: emptyForm, valid: () => form({ position: 'positive', advice: 'Matrix', reasons: 'Matrix' }) },
	// Changing the publication really changes it: only the refused cells are sent.
	{ key: 'ACTION /association/advice/[id]?/publication', target: closed, needs: ['adviceClosed'], path: (i) => `/association/advice/${i.adviceClosed}?/publication`, expect: hannasRequest, probe: null, valid: () => form({ publishReply: 'false' }) },
	...perBuurt('PAGE /buurten/[id]/advies', (id) => `/buurten/${id}/advies`),
	{ key: 'GET /uploads/advice/[id]', target: 'the open request’s document', needs: ['adviceDoc'], path: (i) => `/uploads/advice/${i.adviceDoc}`, expect: docSeers, noLeakCheck: true },
	{ key: 'GET /uploads/advice/[id]', target: 'no such document', path: () => `/uploads/advice/${none}`, expect: { all: 'hidden' } },
	{ key: 'GET /api/v1/voice/advice', target: 'own corporation or association', path: () => '/api/v1/voice/advice', expect: { all: 'ok', anon: 'login' } },
	{ key: 'GET /api/v1/voice/advice/[id]', target: open, needs: ['adviceOpen'], path: (i) => `/api/v1/voice/advice/${i.adviceOpen}`, expect: api }
];

const idsIn = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

/** The demo's ids the rows aim at, read from Wim's pages and the API. */
export async function listenIds(send: (who: ActorName, method: string, path: string) => Promise<{ status: number; text: string }>, ids: Ids): Promise<void> {
	const uuid = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
	ids.listenConversation = idsIn((await send('wim', 'GET', '/staff/voice/conversations')).text, new RegExp(`href="/staff/voice/conversations/${uuid}"`, 'g'))[0] ?? '';
	const personas = (await send('wim', 'GET', '/staff/voice/personas')).text;
	ids.listenPersona = new RegExp(`href="/staff/voice/personas/${uuid}">De huurder<`).exec(personas)?.[1] ?? '';
	const list = JSON.parse((await send('wim', 'GET', '/api/v1/voice/advice')).text) as { requests: { id: string; status: string }[] };
	ids.adviceOpen = list.requests.find((r) => r.status === 'waiting_answer')?.id ?? '';
	ids.adviceClosed = list.requests.find((r) => r.status === 'closed')?.id ?? '';
	if (ids.adviceOpen) ids.adviceDoc = (JSON.parse((await send('wim', 'GET', `/api/v1/voice/advice/${ids.adviceOpen}`)).text) as { documents: { id: string }[] }).documents[0]?.id ?? '';
}

/** Ids each actor may not see: conversations and personas are staff's; advice requests staff's and Hanna's. */
export function listenForeignTo(actor: ActorName): string[] {
	if (actor === 'wim' || actor === 'henk' || actor === 'admin') return [];
	return actor === 'hanna' ? ['listenConversation', 'listenPersona'] : ['listenConversation', 'listenPersona', 'adviceOpen', 'adviceClosed', 'adviceDoc'];
}

/** What must be the same after the refused writes: the advice requests as staff read them. */
export const listenSnapshot = (ids: Ids): [string, string][] =>
	[['advice list', '/api/v1/voice/advice'] as [string, string], ...(['adviceOpen', 'adviceClosed'] as const).filter((k) => ids[k]).map((k) => [`advice ${k}`, `/api/v1/voice/advice/${ids[k]}`] as [string, string])];
