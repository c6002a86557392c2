// npm run bench -- home
// The logged-in tenant home beside the landing page and a bare node:http server returning the
// same bytes, each under autocannon (16 connections) in the same run, on PGlite and on
// PostgreSQL (a fresh database on BENCH_DATABASE_URL / TEST_DATABASE_URL, else the local
// server). Goal (issue 14): the home serves at least 0.6× the landing page's requests per
// second. Also prints the gzipped JavaScript each persona home loads (budget: 40 kB).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';

const personas = ['anna', 'bram', 'carla', 'wim', 'hanna', 'gert', 'sander', 'admin'];
const duration = Number(process.env.BENCH_SECONDS ?? 8);
const GOAL = 0.6;

export async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

export async function login(base: string, email: string): Promise<string> {
	const body = new URLSearchParams({ email, password: 'noaber-demo-2026', next: '/home' });
	const r = await fetch(`${base}/login?/password`, { method: 'POST', redirect: 'manual', headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body });
	const cookie = /noaber_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0];
	if (!cookie) throw new Error(`login failed for ${email}`);
	return cookie;
}

async function jsBytes(base: string, html: string): Promise<number> {
	const urls = new Set([...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)].map((m) => m[1]));
	for (const m of html.matchAll(/import\("([^"]+)"\)/g)) urls.add(m[1]);
	let total = 0;
	for (const u of urls) total += gzipSync(Buffer.from(await (await fetch(new URL(u, `${base}/home`))).arrayBuffer())).length;
	return total;
}

export const load = (url: string, headers: Record<string, string>, connections = 16) =>
	new Promise<autocannon.Result>((resolve, reject) =>
		autocannon({ url, headers, connections, duration }, (err, result) => (err ? reject(err) : resolve(result)))
	);

/** The production build on a fresh data folder (PGlite) or database (DATABASE_URL), with the demo data. */
export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'noaber-bench-'));
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [process.env.BENCH_BUILD ?? 'build/index.js'], {
		env: { ...process.env, PORT: String(port), ORIGIN: base, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, ...extraEnv },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 480 && !(await fetch(`${base}/readyz`).then((r) => r.ok, () => false)); i++) {
		if (child.exitCode !== null) throw new Error(`the server stopped (${child.exitCode})`);
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		base,
		child,
		async stop() {
			child.kill('SIGTERM');
			if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** A fresh database on the server at `url`, dropped by the returned function. */
export async function freshDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `noaber_bench_${randomBytes(5).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	return {
		url: target.toString(),
		async drop() {
			const c = new pg.Client({ connectionString: url });
			await c.connect();
			await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await c.end();
		}
	};
}

const rps = (r: autocannon.Result) => r.requests.average;
const line = (label: string, r: autocannon.Result, extra = '') =>
	console.log(`  ${label.padEnd(22)} ${rps(r).toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}${extra}`);

/** A bare node:http server answering these bytes: what the machine serves when the app does nothing. */
async function bareServer(page: string): Promise<autocannon.Result> {
	const bare = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html' });
		res.end(page);
	});
	const barePort = await freePort();
	await new Promise<void>((r) => bare.listen(barePort, '127.0.0.1', r));
	try {
		return await load(`http://127.0.0.1:${barePort}/`, {});
	} finally {
		bare.close();
	}
}

async function measure(label: string, databaseUrl: string, reference: { rps: number }): Promise<{ home: number; landing: number }> {
	const app = await startApp(databaseUrl);
	try {
		const cookie = await login(app.base, 'anna@demo.noaber.test');
		const home = await fetch(`${app.base}/home`, { headers: { cookie } });
		if (!home.ok) throw new Error(`/home answered ${home.status}`);
		const queries = home.headers.get('x-query-count') ?? '?';
		const html = await home.text();
		if (!reference.rps) {
			const bare = await bareServer(html);
			reference.rps = rps(bare);
			line('bare node:http', bare, `   (the home's ${html.length} bytes)`);
		}
		const bareRps = reference.rps;
		await load(`${app.base}/`, {}); // warm-up: the first seconds of a fresh process are slower
		const landing = await load(`${app.base}/`, {});
		const member = await load(`${app.base}/home`, { cookie });
		console.log(`${label}:`);
		line('landing page', landing, `   ${(rps(landing) / bareRps).toFixed(3)} of bare`);
		line('tenant home', member, `   ${(rps(member) / bareRps).toFixed(3)} of bare`);
		const ratio = rps(member) / rps(landing);
		console.log(`  home / landing         ${ratio.toFixed(2)}   (goal ≥ ${GOAL}${ratio >= GOAL ? ', met' : ', NOT MET'}; ${queries} queries per home)`);
		if (label.startsWith('PGlite')) {
			console.log('  gzipped JavaScript per persona home (budget 40 kB):');
			for (const p of personas) {
				const c = await login(app.base, `${p}@demo.noaber.test`);
				const html = await (await fetch(`${app.base}/home`, { headers: { cookie: c } })).text();
				const bytes = await jsBytes(app.base, html);
				console.log(`    ${p.padEnd(8)} ${(bytes / 1024).toFixed(1)} kB${bytes > 40 * 1024 ? '  OVER BUDGET' : ''}`);
			}
		}
		return { home: rps(member), landing: rps(landing) };
	} finally {
		await app.stop();
	}
}

export async function benchHome(): Promise<void> {
	if (!existsSync('build/index.js')) throw new Error('run npm run build first');
	console.log(`${duration} s per run, 16 connections`);
	const reference = { rps: 0 };
	await measure('PGlite', '', reference);
	const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const db = await freshDatabase(server);
	try {
		await measure('PostgreSQL', db.url, reference);
	} finally {
		await db.drop();
	}
}
