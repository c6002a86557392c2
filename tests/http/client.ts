import { inject } from 'vitest';

/**
 * HTTP clients for the route-level suites (role × route matrix, fuzzer): plain fetch against the
 * built server on a fresh PGlite data folder with the demo data (tests/e2e/global-setup.ts), no
 * browser. Cookie sessions post with the app's Origin, as a browser does.
 */
export const demoPassword = 'noaber-demo-2026';
export const baseUrl = () => inject('baseUrl');
// Node's fetch tries ::1 for "localhost"; the server listens on IPv4. The app's origin stays baseUrl().
export const url = (path: string) => `${baseUrl().replace('localhost', '127.0.0.1')}${path}`;

/** A bearer token for an API client (POST /api/v1/sessions). */
export async function bearerToken(email: string, password = demoPassword): Promise<string> {
	const r = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
	if (r.status !== 201) throw new Error(`login ${email}: ${r.status}`);
	return ((await r.json()) as { token: string }).token;
}

/** A cookie session, the way a browser gets one: the login form, posted from the app's origin. */
export async function cookieSession(email: string, password = demoPassword): Promise<string> {
	const body = new URLSearchParams({ email, password, next: '/home' });
	const r = await fetch(url('/login?/password'), {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body
	});
	if (r.status !== 303) throw new Error(`login ${email}: ${r.status}`);
	return /noaber_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
}

/** Headers for a browser-like request with a cookie session (Origin set, so CSRF passes). */
export const browserHeaders = (cookie: string | null, extra: Record<string, string> = {}) => ({
	origin: baseUrl(),
	accept: 'text/html',
	...(cookie ? { cookie } : {}),
	...extra
});

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
