import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import svelteConfig from '../../../../svelte.config.js';
import { bearerToken, crossSiteRefusal, refusedAsCrossSite, sessionToken } from './origin-check';

/**
 * The CSRF rule of hooks.server.ts, request by request. The same rule is checked over real HTTP
 * against the built server in tests/e2e/api.test.ts.
 */

const app = 'http://noaber.test';
const post = (headers: Record<string, string>, method = 'POST') => new Request(`${app}/api/v1/proposals`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array([120]) }); // bytes: no implied content type
const multipart = { 'content-type': 'multipart/form-data; boundary=x' };

describe('form posts with a cookie session (no bearer token)', () => {
	it('are refused without the app’s exact Origin: missing, "null", foreign and look-alike origins', () => {
		for (const origin of [undefined, 'null', 'https://evil.example', 'http://noaber.test.evil.example', 'http://evil.example?http://noaber.test', 'http://noaber.test:8080', 'https://noaber.test', 'http://NOABER.TEST', 'http://noaber.test/']) {
			const headers: Record<string, string> = { ...multipart, cookie: 'noaber_session=abc', ...(origin === undefined ? {} : { origin }) };
			expect(refusedAsCrossSite(post(headers), app), `Origin ${origin}`).toBe(true);
		}
	});

	it('pass under /open311/ only, which takes no cookie (Open311 servers post forms without an Origin)', () => {
		const form = { 'content-type': 'application/x-www-form-urlencoded', cookie: 'noaber_session=abc' };
		const at = (path: string) => new Request(`${app}${path}`, { method: 'POST', headers: form, body: 'api_key=x' });
		expect(refusedAsCrossSite(at('/open311/v2/requests.json'), app)).toBe(false);
		for (const path of ['/open311', '/api/v1/open311/keys', '/x/open311/v2/requests.json', '/open3110/v2']) expect(refusedAsCrossSite(at(path), app), path).toBe(true);
	});

	it('are refused for every content type a plain HTML form can send, and every unsafe method', () => {
		for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=y', 'text/plain', 'Text/Plain; charset=utf-8', 'application/x-sveltekit-formdata'])
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(refusedAsCrossSite(post({ 'content-type': type }, method), app), `${method} ${type}`).toBe(true);
	});

	it('pass with the app’s Origin, and whenever a form could not have sent them (JSON, no body type, safe methods)', () => {
		expect(refusedAsCrossSite(post({ ...multipart, origin: app }), app)).toBe(false);
		expect(refusedAsCrossSite(post({ 'content-type': 'application/json' }), app)).toBe(false);
		expect(refusedAsCrossSite(post({}), app)).toBe(false);
		for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(refusedAsCrossSite(post({ ...multipart }, method), app), method).toBe(false);
	});
});

describe('requests with a bearer token', () => {
	it('pass without an Origin, or with any Origin: the cookie plays no part in them', () => {
		for (const origin of [undefined, 'null', 'https://evil.example']) {
			const headers: Record<string, string> = { ...multipart, authorization: 'Bearer tok3n', cookie: 'noaber_session=victim', ...(origin === undefined ? {} : { origin }) };
			expect(refusedAsCrossSite(post(headers), app), `Origin ${origin}`).toBe(false);
			expect(sessionToken(post(headers), 'victim')).toBe('tok3n');
		}
	});

	it('an empty bearer header is no bearer token (HTTP trims it to "Bearer"): the cookie counts, so the check applies', () => {
		const r = post({ ...multipart, authorization: 'Bearer ' });
		expect(bearerToken(r)).toBeNull();
		expect(sessionToken(r, 'victim')).toBe('victim');
		expect(refusedAsCrossSite(r, app)).toBe(true);
	});

	it('any other Authorization header does not exempt: the cookie would be used', () => {
		for (const authorization of ['Basic dXNlcjpwdw==', 'bearer tok3n', 'Bearertok3n']) {
			const r = post({ ...multipart, authorization });
			expect(refusedAsCrossSite(r, app), authorization).toBe(true);
			expect(sessionToken(r, 'victim'), authorization).toBe('victim');
		}
	});
});

describe('the refusal', () => {
	it('is a 403 as SvelteKit gave it: plain text, or { message } JSON when JSON is asked for', async () => {
		const text = crossSiteRefusal(post({ ...multipart }, 'PATCH'));
		expect(text.status).toBe(403);
		expect(await text.text()).toBe('Cross-site PATCH form submissions are forbidden');
		const json = crossSiteRefusal(post({ ...multipart, accept: 'application/json' }));
		expect(json.status).toBe(403);
		expect(await json.json()).toEqual({ message: 'Cross-site POST form submissions are forbidden' });
	});
});

describe('where the check lives', () => {
	it('kit’s own check is off only because hooks.server.ts does it, before any session is looked up', () => {
		expect(svelteConfig.kit?.csrf?.trustedOrigins).toEqual(['*']);
		const hooks = readFileSync('src/hooks.server.ts', 'utf8');
		const check = hooks.indexOf('refusedAsCrossSite(event.request, event.url.origin)');
		expect(check).toBeGreaterThan(0);
		expect(check).toBeLessThan(hooks.indexOf('loadSessionActor('));
		expect(check).toBeLessThan(hooks.indexOf('resolve(event'));
	});
});
