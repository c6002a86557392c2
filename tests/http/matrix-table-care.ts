import type { ActorName, Body, Ids, Row, Spec } from './matrix-table';

/**
 * The care bridge (docs/ARCHITECTURE.md, "Care bridge"): a care request is seen by its care
 * provider (Carla, who made the demo's open request and coordinates Zorggroep Noaberveen) and by
 * vetted helpers of its buurt (Fatima: the setup has Wim record her VOG) — and by nobody else,
 * not even as a count: 404 for every other member, partner and staff member, whose pages must not
 * show the request's id or its note either (the foreign-id check). Staff of the corporation vet
 * helpers on /staff/care but never read requests. Writes that would really act (offer, withdraw)
 * have probe: null; the request is open, so a message or a session is refused with a 409.
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const json = (j: unknown): Body => ({ json: j });
const none = '00000000-0000-4000-8000-000000000000';
const today = () => new Date().toISOString().slice(0, 10);
const nextYear = () => `${new Date().getUTCFullYear() + 1}-12-31`;

const outside: Spec = { all: 'hidden', anon: 'login' };
const sees: Spec = { ...outside, carla: 'ok', fatima: 'ok' };
const providerOnly: Spec = { ...outside, carla: 'ok' };
/** The provider acts; the vetted helper sees the request but may not (403). */
const providerActs: Spec = { ...outside, carla: 'ok', fatima: 'forbidden' };
const helperActs: Spec = { ...outside, carla: 'forbidden', fatima: 'ok' };
/** Both see it; the open request refuses the step (409) — nothing changes. */
const bothRefused: Spec = { ...outside, carla: 'denied', fatima: 'denied' };
const staffPage: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };

const target = 'Carla’s open care request (Lindebuurt)';
const page = (i: Ids) => `/care/${i.careReq}`;
const api = (i: Ids) => `/api/v1/care/requests/${i.careReq}`;
const requestBody = (i: Ids) => ({ buurtId: i.L, need: 'walk', days: ['mon'], dayparts: ['morning'], frequency: 'once', consentGivenOn: today(), consentGivenBy: 'client', consentStatement: true });

export const careRows: Row[] = [
	{ key: 'PAGE /care', target: 'the care list', path: () => '/care', expect: sees, contains: { carla: ['careReq'], fatima: ['careReq'] } },
	{ key: 'PAGE /care/new', target: 'the request form', path: () => '/care/new', expect: providerOnly },
	{ key: 'PAGE /care/log', target: 'the coordinator’s log', path: () => '/care/log', expect: providerOnly },
	{ key: 'PAGE /care/[id]', target, needs: ['careReq'], path: page, expect: sees, contains: { carla: ['careNote'], fatima: ['careNote'] } },
	{ key: 'PAGE /care/[id]', target: 'no such request', path: () => `/care/${none}`, expect: outside },
	{ key: 'ACTION /care/new', target: 'a request in the Lindebuurt', needs: ['L'], path: () => '/care/new', expect: providerOnly, probe: () => form({}), valid: (i) => form({ place: i.L, need: 'walk', day_mon: 'yes', part_morning: 'yes', frequency: 'once', consentGivenOn: today(), consentGivenBy: 'client', consentStatement: 'yes' }) },
	{ key: 'ACTION /care/[id]?/offer', target, needs: ['careReq'], path: (i) => `${page(i)}?/offer`, expect: helperActs, probe: null, valid: () => form({}) },
	{ key: 'ACTION /care/[id]?/accept', target, needs: ['careReq'], path: (i) => `${page(i)}?/accept`, expect: providerActs, probe: () => form({}), valid: () => form({ offerId: none }) },
	{ key: 'ACTION /care/[id]?/message', target, needs: ['careReq'], path: (i) => `${page(i)}?/message`, expect: bothRefused, valid: () => form({ body: 'Matrix bericht' }) },
	{ key: 'ACTION /care/[id]?/session', target, needs: ['careReq'], path: (i) => `${page(i)}?/session`, expect: { ...bothRefused, fatima: 'forbidden' }, valid: () => form({ sessionOn: today(), minutes: '30' }) },
	{ key: 'ACTION /care/[id]?/withdraw', target, needs: ['careReq'], path: (i) => `${page(i)}?/withdraw`, expect: providerActs, probe: null, valid: () => form({}) },

	{ key: 'PAGE /staff/care', target: 'staff', path: () => '/staff/care', expect: staffPage },
	// Staff record a check (the probe is empty: 400); others are refused (the Lindebuurt's members and partners 403, the rest 404).
	{ key: 'ACTION /staff/care?/vet', target: 'a check for Anna (Lindebuurt)', needs: ['L'], path: () => '/staff/care?/vet', expect: { all: 'refused', anon: 'login', staff: 'ok' }, probe: () => form({}), valid: (i) => form({ buurtId: i.L, email: 'anna@demo.noaber.test', method: 'vog', vogSeenOn: today(), validUntil: nextYear() }) },
	// Aimed at things nobody has: 404 for everyone (staff too), nothing changes.
	...(['endCheck', 'coordinator', 'issueToken', 'revokeToken'] as const).map(
		(a): Row => ({ key: `ACTION /staff/care?/${a}`, target: 'no such check, organisation or token', path: () => `/staff/care?/${a}`, expect: { all: 'denied', anon: 'login' }, valid: () => form({ checkId: none, organisationId: none, accountId: none, contactId: none, id: none, coordinator: 'true' }) })
	),

	{ key: 'GET /api/v1/care/requests', target: 'the care lists', path: () => '/api/v1/care/requests', expect: sees, contains: { carla: ['careReq'], fatima: ['careReq'] } },
	{ key: 'POST /api/v1/care/requests', target: 'a request in the Lindebuurt', needs: ['L'], path: () => '/api/v1/care/requests', expect: providerOnly, probe: () => json({}), valid: (i) => json(requestBody(i)) },
	{ key: 'GET /api/v1/care/requests/[id]', target, needs: ['careReq'], path: api, expect: sees },
	{ key: 'POST /api/v1/care/requests/[id]/offers', target, needs: ['careReq'], path: (i) => `${api(i)}/offers`, expect: helperActs, probe: null, valid: () => json({}) },
	{ key: 'POST /api/v1/care/requests/[id]/offers/[offerId]/accept', target: `${target}, no such offer`, needs: ['careReq'], path: (i) => `${api(i)}/offers/${none}/accept`, expect: { ...outside, carla: 'denied', fatima: 'forbidden' }, valid: () => json({}) },
	{ key: 'POST /api/v1/care/requests/[id]/messages', target, needs: ['careReq'], path: (i) => `${api(i)}/messages`, expect: bothRefused, valid: () => json({ body: 'Matrix bericht' }) },
	{ key: 'POST /api/v1/care/requests/[id]/sessions', target, needs: ['careReq'], path: (i) => `${api(i)}/sessions`, expect: { ...bothRefused, fatima: 'forbidden' }, valid: () => json({ sessionOn: today(), minutes: 30 }) },
	{ key: 'POST /api/v1/care/requests/[id]/withdraw', target, needs: ['careReq'], path: (i) => `${api(i)}/withdraw`, expect: providerActs, probe: null, valid: () => json({}) },
	{ key: 'GET /api/v1/care/log', target: 'the coordinator’s log', path: () => '/api/v1/care/log', expect: providerOnly }
];

/** The demo's care request (read as Carla) and Fatima vetted by Wim, for the rows above. */
export async function careIds(
	asJson: (who: ActorName, method: string, path: string) => Promise<Record<string, unknown>>,
	postForm: (who: ActorName, path: string, body: Record<string, string>) => Promise<number>,
	ids: Ids
): Promise<void> {
	const lists = (await asJson('carla', 'GET', '/api/v1/care/requests')) as { provided: { id: string; need: string }[] };
	ids.careReq = lists.provided.find((l) => l.need === 'company')?.id ?? '';
	const status = await postForm('wim', '/staff/care?/vet', { buurtId: ids.L, email: 'fatima@demo.noaber.test', method: 'vog', vogSeenOn: today(), validUntil: nextYear() });
	// 303 on the first run; a server already used by an earlier run answers 409 (Fatima is vetted already).
	if (status !== 303 && status !== 409) throw new Error(`vetting Fatima: ${status}`);
}

/** What must be the same after the refused writes: the request as its provider sees it. */
export const careSnapshot = (ids: Ids): [string, string][] => (ids.careReq ? [['care request', `/api/v1/care/requests/${ids.careReq}`]] : []);
