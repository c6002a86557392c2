import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import type { Db } from '../db/client';
import { demoNeighbourhood } from '../people/test-fixtures';
import { loadActor, loadSessionActor } from '../people';
import { hashToken } from '../auth';
import { errorOf } from '../reports/test-fixtures';
import { startOidcProvider, fixtureClient } from '../../../../tests/fixtures/oidc/server';
import { finishSsoLogin, getSsoProvider, saveSsoProvider, startSsoLogin } from '.';

/**
 * Staff sign in at their corporation's OpenID Connect provider: against a real provider
 * (oidc-provider) on this machine, through its own login page, as a browser would.
 */
const redirectUri = 'http://noaber.test/login/sso/callback';
let db: Db;
let ctx: TestCtx;
let demo: Awaited<ReturnType<typeof demoNeighbourhood>>['demo'];
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let corporationId: string;

beforeAll(async () => {
	db = await createTestDb();
	// The provider checks times against the real clock; Noaber's injected clock starts at now.
	ctx = testCtx(db, new Date());
	({ demo } = await demoNeighbourhood(db, ctx));
	[{ corporation_id: corporationId }] = await db.query<{ corporation_id: string }>('SELECT corporation_id FROM staff_roles WHERE account_id = $1', [demo.admin]);
	provider = await startOidcProvider({ redirectUris: [redirectUri] });
	const admin = (await loadActor(db, demo.admin, ctx.clock()))!;
	await saveSsoProvider(ctx, admin, { corporationId, issuer: provider.issuer, clientId: fixtureClient.clientId, clientSecret: fixtureClient.clientSecret, roleMap: 'noaber-beheer = admin\nnoaber-wijkconsulent = wijkconsulent' });
});
afterAll(async () => {
	await provider.close();
	await db.close();
});

/** Follows the provider's redirects with a cookie jar, signs in on its login page as `login`, and returns the callback URL. */
async function signInAtProvider(authUrl: URL, login: string): Promise<URL> {
	const jar = new Map<string, string>();
	const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
	const keep = (res: Response) => {
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			jar.set(pair.slice(0, i), pair.slice(i + 1));
		}
	};
	let url = authUrl.toString();
	let body: URLSearchParams | undefined;
	for (let hop = 0; hop < 12; hop++) {
		if (url.startsWith(redirectUri)) return new URL(url);
		const res = await fetch(url, { method: body ? 'POST' : 'GET', body, redirect: 'manual', headers: { cookie: cookie(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } });
		keep(res);
		body = undefined;
		const location = res.headers.get('location');
		if (location) {
			url = new URL(location, url).toString();
			continue;
		}
		const html = await res.text();
		const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
		if (!action) throw new Error(`no form at ${url}: ${res.status}`);
		url = new URL(action.replace(/&amp;/g, '&'), url).toString();
		body = new URLSearchParams(html.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' });
	}
	throw new Error('too many redirects');
}

const begin = () => startSsoLogin(ctx, { corporationId, redirectUri, next: '/staff' });

describe('configuring the provider', () => {
	it('only an admin of the corporation sets it; the secret is never shown back; bad mappings are named by line', async () => {
		const staff = (await loadActor(db, demo.employee, ctx.clock()))!;
		expect((await errorOf(getSsoProvider(db, staff, corporationId))).code).toBe('sso.not_found');
		const admin = (await loadActor(db, demo.admin, ctx.clock()))!;
		const view = await getSsoProvider(db, admin, corporationId);
		expect(view).toMatchObject({ issuer: provider.issuer, client_id: 'noaber', role_map: { 'noaber-beheer': 'admin', 'noaber-wijkconsulent': 'wijkconsulent' } });
		expect(JSON.stringify(view)).not.toContain(fixtureClient.clientSecret);
		const bad = await errorOf(saveSsoProvider(ctx, admin, { corporationId, issuer: provider.issuer, clientId: 'noaber', roleMap: 'noaber-beheer = admin\nnoaber-x = baas' }));
		expect(bad.fields.roleMap).toBe('sso.role_map_invalid');
		expect(bad.details.fieldParams).toEqual({ roleMap: { lines: '2' } });
		expect((await errorOf(saveSsoProvider(ctx, admin, { corporationId, issuer: 'http://idp.example', clientId: 'noaber', roleMap: 'a = admin' }))).fields.issuer).toBe('sso.issuer_https');
		// Nothing was changed by the refused saves.
		expect((await getSsoProvider(db, admin, corporationId))!.role_map).toEqual(view!.role_map);
	});
});

describe('signing in', () => {
	it('staff sign in at the provider: a new account gets the roles its groups give, and a session', async () => {
		const callback = await signInAtProvider(await begin(), 'fleur.sso');
		const r = await finishSsoLogin(ctx, callback, redirectUri);
		expect(r.next).toBe('/staff');
		const actor = (await loadSessionActor(db, hashToken(r.token), ctx.clock()))!;
		expect(actor.email).toBe('fleur.sso@corporatie.test');
		expect(actor.staff).toEqual([{ corporationId, role: 'admin' }]);
		expect(actor.memberships).toEqual([]);
		const [audit] = await db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'auth.sso_login' AND actor_id = $1`, [actor.accountId]);
		expect(audit.details).toMatchObject({ issuer: provider.issuer, roles: ['admin'] });
	});

	it('the roles a provider gives follow the groups at every sign-in (a wijkconsulent stays one; an admin role given in between is taken away)', async () => {
		const r1 = await finishSsoLogin(ctx, await signInAtProvider(await begin(), 'joost.sso'), redirectUri);
		await db.query(`INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, 'admin'), ($1, $2, 'social_team')`, [r1.accountId, corporationId]);
		const r2 = await finishSsoLogin(ctx, await signInAtProvider(await begin(), 'joost.sso'), redirectUri);
		expect(r2.accountId).toBe(r1.accountId);
		// The social team is chosen in Noaber by the corporation's admins, not by the provider: it stays.
		expect((await loadActor(db, r2.accountId, ctx.clock()))!.staff.map((s) => s.role).sort()).toEqual(['social_team', 'wijkconsulent']);
	});

	it('refuses someone in no staff group, and a member of a buurt whatever their groups say, with no session', async () => {
		const sessions = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions'))[0].n;
		const before = await sessions();
		expect((await errorOf(finishSsoLogin(ctx, await signInAtProvider(await begin(), 'piet.sso'), redirectUri))).code).toBe('sso.no_staff_role');
		expect((await errorOf(finishSsoLogin(ctx, await signInAtProvider(await begin(), 'anna.sso'), redirectUri))).code).toBe('sso.member_refused');
		expect(await sessions()).toBe(before);
		// Anna is still only a member.
		const [anna] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff_roles r JOIN accounts a ON a.id = r.account_id WHERE a.email = 'anna@demo.noaber.test'`);
		expect(anna.n).toBe(0);
	});

	it('refuses an answer that claims another issuer, and a state used twice or never issued', async () => {
		const callback = await signInAtProvider(await begin(), 'fleur.sso');
		const forged = new URL(callback);
		forged.searchParams.set('iss', 'http://127.0.0.1:1/');
		expect((await errorOf(finishSsoLogin(ctx, forged, redirectUri))).code).toBe('sso.login_failed');
		// The state was taken by that attempt: the genuine answer cannot be used after it.
		expect((await errorOf(finishSsoLogin(ctx, callback, redirectUri))).code).toBe('sso.login_expired');
		const unknown = new URL(callback);
		unknown.searchParams.set('state', 'never-issued');
		expect((await errorOf(finishSsoLogin(ctx, unknown, redirectUri))).code).toBe('sso.login_expired');
	});

	it('refuses an expired ID token (Noaber’s clock two hours on), and a sign-in left waiting over ten minutes', async () => {
		const callback = await signInAtProvider(await begin(), 'fleur.sso');
		ctx.advance(2 * 3600_000);
		try {
			// The sign-in itself is also too old by now: move its expiry so the token check is what refuses.
			await db.query(`UPDATE sso_logins SET expires_at = $1`, [new Date(ctx.clock().getTime() + 60_000)]);
			expect((await errorOf(finishSsoLogin(ctx, callback, redirectUri))).code).toBe('sso.login_failed');
		} finally {
			ctx.advance(-2 * 3600_000);
		}
		const waiting = await signInAtProvider(await begin(), 'fleur.sso');
		ctx.advance(11 * 60_000);
		try {
			expect((await errorOf(finishSsoLogin(ctx, waiting, redirectUri))).code).toBe('sso.login_expired');
		} finally {
			ctx.advance(-11 * 60_000);
		}
	});
});
