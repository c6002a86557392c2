// npm start: build when the build is missing or older than the sources, then serve web, API
// and job worker in one process. Plain JavaScript so it runs before anything is compiled.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

function newest(dir) {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return latest;
}

const built = 'build/index.js';
const sources = ['src', 'messages', 'static'].filter((d) => existsSync(d));
const stale = !existsSync(built) || sources.some((d) => newest(d) > statSync(built).mtimeMs);
if (stale) {
	console.log('Building Noaber…');
	const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
process.env.ORIGIN ??= process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
// Lets SvelteKit's shutdown event close the database before the process exits.
process.env.SHUTDOWN_TIMEOUT ??= '10';
// Proposals carry up to 3 photos of 5 MB; adapter-node's default body limit is 512 kB.
process.env.BODY_SIZE_LIMIT ??= '16M';
await import(path.resolve(built));
