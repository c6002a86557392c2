import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword } from './harness';
import { pngWithText } from '../../src/lib/server/proposals/test-fixtures';

/**
 * The JSON API over real HTTP against the built server (no browser): bearer-token clients may
 * upload with multipart/form-data without an Origin header, while cookie sessions keep being
 * refused without the app's Origin (CSRF); and the buurt settings document.
 */

// Node's fetch tries ::1 for "localhost"; the server listens on IPv4. The app's origin stays baseUrl().
const url = (path: string) => `${baseUrl().replace('localhost', '127.0.0.1')}${path}`;

async function token(email: string): Promise<string> {
	const r = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
	expect(r.status).toBe(201);
	return ((await r.json()) as { token: string }).token;
}

/** A cookie session, the way a browser gets one: the login form, posted from the app's origin. */
async function cookieSession(email: string): Promise<string> {
	const body = new URLSearchParams({ email, password: demoPassword, next: '/home' });
	const r = await fetch(url('/login?/password'), { method: 'POST', redirect: 'manual', headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body });
	expect(r.status).toBe(303);
	return /noaber_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const json = (headers: Record<string, string>, method: string, body: unknown) => ({ method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const commentForm = (text: string) => {
	const form = new FormData();
	form.set('body', text);
	return form;
};

let anna: string;
let wim: string;
let annaCookie: string;
let lindebuurt: string;
let proposalId: string;

beforeAll(async () => {
	[anna, wim, annaCookie] = await Promise.all([token('anna@demo.noaber.test'), token('wim@demo.noaber.test'), cookieSession('anna@demo.noaber.test')]);
	lindebuurt = ((await (await fetch(url('/api/v1/me'), { headers: bearer(anna) })).json()) as { roles: { memberOf: string[] } }).roles.memberOf[0];
});

afterAll(async () => {
	// Leave the demo buurt as the other journeys expect it: the test proposal withdrawn.
	if (proposalId) await fetch(url(`/api/v1/proposals/${proposalId}/withdraw`), json(bearer(anna), 'POST', { reason: 'Alleen een test van de API.' }));
});

describe('bearer tokens are not subject to the browser Origin check', () => {
	it('an API client proposes with a photo as multipart/form-data, without an Origin header', async () => {
		const form = new FormData();
		for (const [k, v] of Object.entries({ buurtId: lindebuurt, title: `Fietsenrek ${Date.now() % 100000} via de API`, description: 'Een rek voor tien fietsen bij de ingang.', costCents: '32000' })) form.set(k, v);
		form.append('photos', new Blob([Buffer.from(pngWithText())], { type: 'image/png' }), 'rek.png');
		const r = await fetch(url('/api/v1/proposals'), { method: 'POST', headers: bearer(anna), body: form });
		const body = (await r.json()) as { id: string; status: string };
		expect(r.status, JSON.stringify(body)).toBe(201);
		expect(body.status).toBe('support');
		proposalId = body.id;
		const p = (await (await fetch(url(`/api/v1/proposals/${proposalId}`), { headers: bearer(anna) })).json()) as { costCents: number; photoUrls: string[] };
		expect(p).toMatchObject({ costCents: 32000 });
		expect(p.photoUrls).toHaveLength(1);
	});

	it('passes with a foreign or "null" Origin too: with a bearer token the cookie plays no part', async () => {
		for (const origin of ['https://evil.example', 'null']) {
			const r = await fetch(url(`/api/v1/proposals/${proposalId}/comments`), { method: 'POST', headers: { ...bearer(anna), origin }, body: commentForm(`Via de API (${origin})`) });
			expect(r.status, origin).toBe(201);
		}
	});

	it('a bearer header never borrows the cookie: an unknown token with a valid cookie and no Origin is not logged in', async () => {
		const r = await fetch(url(`/api/v1/proposals/${proposalId}/comments`), { method: 'POST', headers: { ...bearer('not-a-token'), cookie: annaCookie }, body: commentForm('Mag niet') });
		expect(r.status).toBe(401);
		expect(((await r.json()) as { error: { code: string } }).error.code).toBe('auth.unauthenticated');
	});
});

describe('cookie sessions keep the Origin check', () => {
	const comments = async () => ((await (await fetch(url(`/api/v1/proposals/${proposalId}/comments`), { headers: bearer(anna) })).json()) as { comments: unknown[] }).comments.length;

	it('refuses a multipart post without the app’s exact Origin: missing, foreign, "null", look-alikes', async () => {
		const before = await comments();
		const { port, hostname } = new URL(baseUrl());
		for (const origin of [undefined, 'https://evil.example', 'null', `${baseUrl()}.evil.example`, `http://${hostname}:${Number(port) + 1}`, `https://${hostname}:${port}`]) {
			const headers: Record<string, string> = { cookie: annaCookie, ...(origin ? { origin } : {}) };
			const r = await fetch(url(`/api/v1/proposals/${proposalId}/comments`), { method: 'POST', headers, body: commentForm('Vervalst formulier') });
			expect(r.status, `Origin ${origin}`).toBe(403);
			expect(await r.text()).toBe('Cross-site POST form submissions are forbidden');
			// The refusal now comes from the app's own hook: it has the usual security headers.
			expect(r.headers.get('x-content-type-options')).toBe('nosniff');
			expect(r.headers.get('x-request-id')).toBeTruthy();
		}
		expect(await comments()).toBe(before);
	});

	it('refuses a page’s form action from another origin (logging out someone else), and accepts the app’s own', async () => {
		const forged = await fetch(url('/logout'), { method: 'POST', redirect: 'manual', headers: { cookie: annaCookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		expect(forged.status).toBe(403);
		const me = await fetch(url('/api/v1/me'), { headers: { cookie: annaCookie } });
		expect(me.status).toBe(200);
	});

	it('accepts the same post with the app’s Origin', async () => {
		const before = await comments();
		const r = await fetch(url(`/api/v1/proposals/${proposalId}/comments`), { method: 'POST', headers: { cookie: annaCookie, origin: baseUrl() }, body: commentForm('Vanuit de app') });
		expect(r.status).toBe(201);
		expect(await comments()).toBe(before + 1);
	});
});

describe('/api/v1/buurten/{id}/settings', () => {
	type Settings = { canEdit: boolean; buurtpot: Record<string, unknown> | null; help: Record<string, number> | null; rewardScheme: Record<string, Record<string, number>> };
	const settings = (t: string, id = lindebuurt) => fetch(url(`/api/v1/buurten/${id}/settings`), { headers: bearer(t) });
	const patch = (t: string, body: unknown) => fetch(url(`/api/v1/buurten/${lindebuurt}/settings`), json(bearer(t), 'PATCH', body));
	let original: Settings;
	let bram: string;

	beforeAll(async () => {
		bram = await token('bram@demo.noaber.test');
		original = (await (await settings(wim)).json()) as Settings;
	});
	afterAll(async () => {
		await patch(wim, { buurtpot: original.buurtpot, help: original.help, rewardScheme: { zorg: original.rewardScheme.zorg } });
	});

	it('staff change several parts in one PATCH; the buurt’s supervisor then reads the new term; another member gets 403', async () => {
		expect(original.canEdit).toBe(true);
		const r = await patch(wim, { buurtpot: { supportHouseholds: 4 }, rewardScheme: { zorg: { helperCents: 650 } }, help: { termMonths: 4 } });
		const body = (await r.json()) as Settings;
		expect(r.status, JSON.stringify(body)).toBe(200);
		expect(body.buurtpot).toMatchObject({ supportHouseholds: 4 });
		expect(body.rewardScheme.zorg.helperCents).toBe(650);
		const supervisor = (await (await settings(bram)).json()) as Settings;
		expect(supervisor).toMatchObject({ canEdit: false, buurtpot: null, help: { termMonths: 4, maxSupervisors: original.help!.maxSupervisors } });
		expect(supervisor.rewardScheme.zorg.helperCents).toBe(650);
		expect((await settings(anna)).status).toBe(403);
	});

	it('a wrong value changes nothing and names the field; members get 403 on PATCH and 404 for a buurt not theirs', async () => {
		const before = await (await settings(wim)).json();
		const bad = await patch(wim, { buurtpot: { supportHouseholds: 6 }, help: { maxSupervisors: 0 } });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({ code: 'validation.invalid', fields: { 'help.maxSupervisors': 'Dit getal is te klein.' } });
		expect(await (await settings(wim)).json()).toEqual(before);
		expect((await patch(anna, { help: { maxSupervisors: 5 } })).status).toBe(403);
		const buurten = ((await (await fetch(url('/api/v1/buurten'), { headers: bearer(wim) })).json()) as { buurten: { id: string }[] }).buurten;
		const other = buurten.find((b) => b.id !== lindebuurt)!;
		expect((await settings(anna, other.id)).status).toBe(404);
	});
});
