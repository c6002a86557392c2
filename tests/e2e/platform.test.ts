import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const freePort = () =>
	new Promise<number>((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
import { baseUrl, dataDir as harnessDataDir, demoPassword } from './harness';

const url = (path: string) => `${baseUrl().replace('localhost', '127.0.0.1')}${path}`;

async function apiLogin(email: string): Promise<string> {
	const r = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
	expect(r.status).toBe(201);
	return ((await r.json()) as { token: string }).token;
}

describe('health', () => {
	it('says it is alive and ready (database reachable, migrations applied)', async () => {
		expect(await (await fetch(url('/healthz'))).json()).toEqual({ status: 'ok' });
		const ready = await fetch(url('/readyz'));
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });
	});
});

describe('security', () => {
	it('sends a Content-Security-Policy and the other security headers', async () => {
		const r = await fetch(url('/'));
		const csp = r.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('referrer-policy')).toBe('same-origin');
	});

	it('refuses a form post from another origin (CSRF)', async () => {
		const body = new URLSearchParams({ email: 'anna@demo.noaber.test', password: demoPassword });
		const r = await fetch(url('/login?/password'), { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body });
		expect(r.status).toBe(403);
		expect(r.headers.get('set-cookie')).toBeNull();
	});

	it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
		const body = new URLSearchParams({ email: 'anna@demo.noaber.test', password: demoPassword, next: '/home' });
		const r = await fetch(`${baseUrl()}/login?/password`, { method: 'POST', redirect: 'manual', headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body });
		expect(r.status).toBe(303);
		const cookie = r.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/noaber_session=/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
	});
});

describe('JSON API', () => {
	it('answers 401 with a JSON error in the language asked for, without a session', async () => {
		const r = await fetch(url('/api/v1/me'), { headers: { 'accept-language': 'en' } });
		expect(r.status).toBe(401);
		expect(await r.json()).toEqual({ error: { code: 'auth.unauthenticated', message: 'Please log in first.' } });
	});

	it('answers a wrong password with 400 and malformed JSON with 400, never 500', async () => {
		const wrong = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'anna@demo.noaber.test', password: 'nope' }) });
		expect(wrong.status).toBe(400);
		expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('auth.invalid_credentials');
		const bad = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
		expect(bad.status).toBe(400);
		const badEmail = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x', password: 'y' }) });
		expect(((await badEmail.json()) as { error: { fields: Record<string, string> } }).error.fields.email).toContain('e-mailadres');
	});

	it('shows a tenant their own buurt only, and staff every buurt of the corporation', async () => {
		const tenant = await apiLogin('anna@demo.noaber.test');
		const staff = await apiLogin('wim@demo.noaber.test');
		const me = (await (await fetch(url('/api/v1/me'), { headers: { authorization: `Bearer ${tenant}` } })).json()) as { persona: string; email: string };
		expect(me).toMatchObject({ persona: 'tenant', email: 'anna@demo.noaber.test' });
		type B = { buurten: { id: string; code: string; name: string }[] };
		const mine = (await (await fetch(url('/api/v1/buurten'), { headers: { authorization: `Bearer ${tenant}` } })).json()) as B;
		const all = (await (await fetch(url('/api/v1/buurten'), { headers: { authorization: `Bearer ${staff}` } })).json()) as B;
		expect(mine.buurten.map((b) => b.code)).toEqual(['BU99990101']);
		expect(all.buurten.map((b) => b.code).sort()).toEqual(['BU99990101', 'BU999901AB']);
		const other = all.buurten.find((b) => b.code === 'BU999901AB')!;
		const hidden = await fetch(url(`/api/v1/buurten/${other.id}`), { headers: { authorization: `Bearer ${tenant}` } });
		expect(hidden.status).toBe(404);
		const visible = await fetch(url(`/api/v1/buurten/${other.id}`), { headers: { authorization: `Bearer ${staff}` } });
		expect(((await visible.json()) as { gemeente: { code: string } }).gemeente.code).toBe('GM9999');
	});
});

describe('one process per data folder', () => {
	it('stops a second Noaber on the same data folder at once, while the first keeps serving and keeps its data', async (ctx) => {
		const dataDir = harnessDataDir();
		if (!dataDir) ctx.skip();
		const started = Date.now();
		const second = spawn(process.execPath, ['build/index.js'], {
			env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		second.stdout.on('data', (d) => (output += d));
		second.stderr.on('data', (d) => (output += d));
		const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
		expect(code).not.toBe(0);
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(output).toContain('Another Noaber process');
		expect(output).toContain(dataDir);
		// The first process still answers and still writes: a login creates a session row.
		const token = await apiLogin('noor@demo.noaber.test');
		const me = await fetch(url('/api/v1/me'), { headers: { authorization: `Bearer ${token}` } });
		expect(me.status).toBe(200);
	});
});
