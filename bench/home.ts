// npm run bench -- home
// Serves the logged-in tenant home page from the production build under autocannon and, in the
// same run, a bare node:http server returning the same bytes: the ratio says how much of the
// budget the app itself spends. Also prints the gzipped JavaScript each persona home loads
// (budget: 40 kB; pages that need no client behaviour ship none).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';

const personas = ['anna', 'bram', 'carla', 'wim', 'hanna', 'gert', 'sander', 'admin'];
const duration = Number(process.env.BENCH_SECONDS ?? 8);

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

async function login(base: string, email: string): Promise<string> {
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

const load = (url: string, headers: Record<string, string>) =>
	new Promise<autocannon.Result>((resolve, reject) =>
		autocannon({ url, headers, connections: 16, duration }, (err, result) => (err ? reject(err) : resolve(result)))
	);

export async function benchHome(): Promise<void> {
	if (!existsSync('build/index.js')) throw new Error('run npm run build first');
	const dataDir = mkdtempSync(path.join(tmpdir(), 'noaber-bench-'));
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const app = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, PORT: String(port), ORIGIN: base, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	try {
		for (let i = 0; i < 240 && !(await fetch(`${base}/readyz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 250));
		const cookie = await login(base, 'anna@demo.noaber.test');
		const page = await (await fetch(`${base}/home`, { headers: { cookie } })).text();
		const bare = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end(page);
		});
		const barePort = await freePort();
		await new Promise<void>((r) => bare.listen(barePort, '127.0.0.1', r));
		const appResult = await load(`${base}/home`, { cookie });
		const bareResult = await load(`http://127.0.0.1:${barePort}/`, {});
		bare.close();
		console.log(`tenant home, ${duration} s, 16 connections (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
		console.log(`  noaber      ${appResult.requests.average.toFixed(0).padStart(7)} req/s   p99 ${appResult.latency.p99} ms   non-2xx ${appResult.non2xx}`);
		console.log(`  node:http   ${bareResult.requests.average.toFixed(0).padStart(7)} req/s   p99 ${bareResult.latency.p99} ms`);
		console.log(`  ratio       ${(appResult.requests.average / bareResult.requests.average).toFixed(3)} of a bare server returning the same ${page.length} bytes`);
		console.log('gzipped JavaScript per persona home (budget 40 kB):');
		for (const p of personas) {
			const c = await login(base, `${p}@demo.noaber.test`);
			const html = await (await fetch(`${base}/home`, { headers: { cookie: c } })).text();
			const bytes = await jsBytes(base, html);
			console.log(`  ${p.padEnd(8)} ${(bytes / 1024).toFixed(1)} kB${bytes > 40 * 1024 ? '  OVER BUDGET' : ''}`);
		}
	} finally {
		app.kill('SIGTERM');
		await new Promise((r) => app.once('exit', r));
		rmSync(dataDir, { recursive: true, force: true });
	}
}
