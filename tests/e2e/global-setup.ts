import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocatieserverFixture } from '../fixtures/locatieserver/server';
import { startTileFixture } from '../fixtures/tiles/server';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The first server (tests/http and anything that injects it directly). */
		baseUrl: string;
		/** The PGlite data folder of the first server ('' when E2E_BASE_URL is used). */
		dataDir: string;
		/** One server per worker: harness.ts picks the one of the worker it runs in. */
		servers: { baseUrl: string; dataDir: string }[];
		/** The stand-ins for the outside world the servers use (tests/fixtures): PDOK's address search and map tiles. */
		outside: { locatieserver: string; tiles: string };
	}
}

const freePort = () =>
	new Promise<number>((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});

async function waitReady(url: string, child: ChildProcess, ms = 180_000) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		if (child.exitCode !== null) throw new Error(`Noaber exited with ${child.exitCode} before it was ready`);
		try {
			const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
			if (process.env.E2E_DEBUG) console.log("readyz", r.status);
			if (r.ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('Noaber did not become ready within three minutes (the demo seed runs on first start; a busy machine is slow)');
}

/** One production server on a fresh data folder (PGlite, demo data). */
async function startServer(outside: { locatieserver: string; tiles: string }): Promise<{ baseUrl: string; dataDir: string; stop: () => Promise<void> }> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'noaber-e2e-'));
	const port = await freePort();
	const baseUrl = `http://localhost:${port}`;
	const child = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, PORT: String(port), ORIGIN: baseUrl, DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: '', BODY_SIZE_LIMIT: '16M', LOCATIESERVER_URL: outside.locatieserver, MAP_TILE_URL: outside.tiles },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	try {
		// Node's fetch tries ::1 for "localhost"; the server listens on IPv4.
		await waitReady(`http://127.0.0.1:${port}`, child);
	} catch (err) {
		child.kill('SIGKILL');
		throw err;
	}
	return {
		baseUrl,
		dataDir,
		async stop() {
			child.kill('SIGTERM');
			await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/**
 * Starts the production build for the browser tests: E2E_SERVERS servers (default 1), each on
 * its own fresh data folder with the demo data, so test files running in parallel workers do
 * not share state. E2E_BASE_URL skips this and tests a server that is already running.
 */
export default async function setup(project: TestProject) {
	if (process.env.E2E_BASE_URL) {
		project.provide('baseUrl', process.env.E2E_BASE_URL);
		project.provide('dataDir', '');
		project.provide('servers', [{ baseUrl: process.env.E2E_BASE_URL, dataDir: '' }]);
		project.provide('outside', { locatieserver: '', tiles: '' });
		return;
	}
	if (!existsSync('build/index.js') || process.env.E2E_BUILD === '1') {
		const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
		if (r.status !== 0) throw new Error('build failed');
	}
	// No network here: the servers search addresses and draw map tiles from local fixtures.
	const [pdok, tiles] = await Promise.all([startLocatieserverFixture(), startTileFixture()]);
	const outside = { locatieserver: pdok.url, tiles: tiles.url };
	project.provide('outside', outside);
	const count = Math.max(1, Number(process.env.E2E_SERVERS ?? 1));
	const servers = await Promise.all(Array.from({ length: count }, () => startServer(outside)));
	project.provide('baseUrl', servers[0].baseUrl);
	project.provide('dataDir', servers[0].dataDir);
	project.provide(
		'servers',
		servers.map(({ baseUrl, dataDir }) => ({ baseUrl, dataDir }))
	);
	return async () => {
		await Promise.all(servers.map((s) => s.stop()));
		await Promise.all([pdok.close(), tiles.close()]);
	};
}
