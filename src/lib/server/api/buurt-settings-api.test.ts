import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import type { Actor } from '../people';
import { translator, type Locale } from '../../i18n';
import { createProposalFixture, type ProposalFixture } from '../proposals/test-fixtures';
import * as settingsApi from '../../../routes/api/v1/buurten/[id]/settings/+server';
import * as rewardSchemeApi from '../../../routes/api/v1/buurten/[id]/pot/reward-scheme/+server';

/**
 * GET and PATCH /api/v1/buurten/{id}/settings through the route handlers, on the real database:
 * the statuses and JSON bodies a client gets. (Over HTTP against the built server, with bearer
 * tokens: tests/e2e/api.test.ts.)
 */

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createProposalFixture(db, ctx);
});
afterAll(() => db.close());

function event(actor: Actor | null, buurtId: string, init: { method?: string; body?: string; locale?: Locale } = {}): RequestEvent {
	const url = new URL(`http://noaber.test/api/v1/buurten/${buurtId}/settings`);
	const locale = init.locale ?? 'nl';
	return {
		locals: { actor, ctx, t: translator(locale), locale, requestId: 'test', sessionToken: null },
		params: { id: buurtId },
		url,
		request: new Request(url, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: init.body, headers: { 'content-type': 'application/json' } } : {}) })
	} as unknown as RequestEvent;
}

async function call(handler: (e: RequestEvent) => Promise<Response> | Response, e: RequestEvent) {
	const res = await handler(e);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } } };
}
const patch = async (actor: Actor | null, buurtId: string, body: unknown, locale?: Locale) =>
	call(settingsApi.PATCH, event(actor, buurtId, { method: 'PATCH', body: typeof body === 'string' ? body : JSON.stringify(body), locale }));

describe('GET /buurten/{id}/settings', () => {
	it('asks for a login first (401)', async () => {
		const r = await call(settingsApi.GET, event(null, f.lindebuurt));
		expect(r).toMatchObject({ status: 401, body: { error: { code: 'auth.unauthenticated' } } });
	});

	it('gives staff the whole document, with the same reward scheme as /pot/reward-scheme', async () => {
		const wim = await f.actor('wim');
		const r = await call(settingsApi.GET, event(wim, f.lindebuurt));
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ buurtId: f.lindebuurt, canEdit: true, buurtpot: { supportHouseholds: 5, supportDays: 30, associationChecks: false }, help: { termMonths: 3, maxSupervisors: 2, autoConfirmDays: 7, waitingDays: 5 } });
		const scheme = await call(rewardSchemeApi.GET, event(wim, f.lindebuurt));
		expect(r.body.rewardScheme).toEqual(scheme.body.rewardScheme);
	});

	it('gives the buurt’s supervisor a read-only view, a member of the buurt a 403 and another buurt’s member a 404', async () => {
		const supervisor = await call(settingsApi.GET, event(await f.actor('bram'), f.lindebuurt));
		expect(supervisor.status).toBe(200);
		expect(supervisor.body).toMatchObject({ canEdit: false, buurtpot: null, help: { termMonths: 3, maxSupervisors: 2, autoConfirmDays: 7, waitingDays: 5 } });
		const member = await call(settingsApi.GET, event(await f.actor('anna'), f.lindebuurt));
		expect(member).toMatchObject({ status: 403, body: { error: { code: 'settings.forbidden' } } });
		const other = await call(settingsApi.GET, event(await f.actor('olga'), f.lindebuurt));
		expect(other).toMatchObject({ status: 404, body: { error: { code: 'settings.not_found', message: 'Deze buurt bestaat niet, of u mag hem niet zien.' } } });
	});
});

describe('PATCH /buurten/{id}/settings', () => {
	it('lets staff change several parts at once and answers with the whole document', async () => {
		const r = await patch(await f.actor('wim'), f.beukenbuurt, { buurtpot: { supportDays: 21 }, rewardScheme: { onderhoud_gedeeld: { supervisorCents: 250 } }, help: { autoConfirmDays: 10 } });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			buurtId: f.beukenbuurt,
			buurtpot: { supportHouseholds: 5, supportDays: 21 },
			rewardScheme: { onderhoud_gedeeld: { askerCents: 500, supervisorCents: 250, helperCents: 500 } },
			help: { autoConfirmDays: 10, termMonths: 3 }
		});
		expect((await call(settingsApi.GET, event(await f.actor('wim'), f.beukenbuurt))).body).toEqual(r.body);
	});

	it('answers wrong values with 400, every field named by its place in the body, in the reader’s language — and changes nothing', async () => {
		const wim = await f.actor('wim');
		const before = (await call(settingsApi.GET, event(wim, f.beukenbuurt))).body;
		const body = { buurtpot: { supportHouseholds: 7 }, help: { termMonths: 0 }, rewardScheme: { zorg: { askerCents: -1 } }, extra: true };
		const nl = await patch(wim, f.beukenbuurt, body);
		expect(nl).toEqual({
			status: 400,
			body: {
				error: {
					code: 'validation.invalid',
					message: 'Niet alles is goed ingevuld.',
					fields: { extra: 'Deze instelling bestaat niet.', 'help.termMonths': 'Dit getal is te klein.', 'rewardScheme.zorg.askerCents': 'Het bedrag kan niet onder 0 zijn.' }
				}
			}
		});
		const en = await patch(wim, f.beukenbuurt, body, 'en');
		expect(en.body.error?.fields?.extra).toBe('There is no such setting.');
		expect((await call(settingsApi.GET, event(wim, f.beukenbuurt))).body).toEqual(before);
	});

	it('answers a body that is not a JSON object with 400 api.invalid_json', async () => {
		const wim = await f.actor('wim');
		for (const body of ['{nope', '[1,2]', 'null']) expect((await patch(wim, f.beukenbuurt, body)).body.error?.code, body).toBe('api.invalid_json');
	});

	it('is 403 for a member of the buurt and 404 for anyone who may not see it', async () => {
		const member = await patch(await f.actor('anna'), f.lindebuurt, { help: { maxSupervisors: 5 } });
		expect(member).toMatchObject({ status: 403, body: { error: { code: 'settings.forbidden', message: 'Alleen medewerkers van de corporatie kunnen de instellingen van de buurt veranderen. Supervisors van de buurt kunnen ze alleen lezen.' } } });
		const outsider = await patch(await f.actor('olga'), f.lindebuurt, { help: { maxSupervisors: 5 } });
		expect(outsider).toMatchObject({ status: 404, body: { error: { code: 'settings.not_found' } } });
		expect((await patch(await f.actor('wim'), '6d1f0000-0000-4000-8000-000000000000', { help: { maxSupervisors: 5 } })).status).toBe(404);
	});
});
