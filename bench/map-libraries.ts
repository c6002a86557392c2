// Leaflet against MapLibre GL for the "Toon de kaart" map (docs/ARCHITECTURE.md, "Why each
// dependency is here"). Not part of `npm run bench`: MapLibre is not a dependency. Run with both
// installed in a scratch folder:
//   mkdir /tmp/maps && (cd /tmp/maps && npm init -y && npm i leaflet@1.9.4 maplibre-gl@6.17.0)
//   MAP_LIBS_DIR=/tmp/maps npx tsx bench/map-libraries.ts
// Prints the gzip size of the JS and CSS each one makes a page load, and the time from pressing
// the button to the first complete render (every visible tile drawn) in Debian's Chromium,
// against the local tile fixture, median of RUNS (default 9) fresh pages each.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { startTileFixture } from '../tests/fixtures/tiles/server';

const dir = process.env.MAP_LIBS_DIR;
if (!dir) throw new Error('set MAP_LIBS_DIR to a folder with leaflet and maplibre-gl installed');
const runs = Number(process.env.RUNS ?? 9);
const file = (p: string) => readFileSync(`${dir}/node_modules/${p}`);
const assets: Record<string, { body: Buffer; type: string }> = {
	'/leaflet.js': { body: file('leaflet/dist/leaflet.js'), type: 'text/javascript' },
	'/leaflet.css': { body: file('leaflet/dist/leaflet.css'), type: 'text/css' },
	'/maplibre-gl.mjs': { body: file('maplibre-gl/dist/maplibre-gl.mjs'), type: 'text/javascript' },
	'/maplibre-gl-worker.mjs': { body: file('maplibre-gl/dist/maplibre-gl-worker.mjs'), type: 'text/javascript' },
	'/maplibre-gl.css': { body: file('maplibre-gl/dist/maplibre-gl.css'), type: 'text/css' }
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const gz = (names: string[]) => names.reduce((n, a) => n + gzipSync(assets[a].body, { level: 9 }).length, 0);

const tiles = await startTileFixture();
const page = (lib: 'leaflet' | 'maplibre') => `<!doctype html><html><head><meta charset="utf-8"><style>#map{height:400px}</style></head><body>
<button id="go">Toon de kaart</button><div id="map"></div><script type="module">
const center = [52.2215, 6.8937];
document.getElementById('go').addEventListener('click', async () => {
	const t0 = performance.now();
	${
		lib === 'leaflet'
			? `document.head.insertAdjacentHTML('beforeend', '<link rel="stylesheet" href="/leaflet.css">');
	await import('/leaflet.js');
	const map = L.map('map').setView(center, 16);
	L.tileLayer(${JSON.stringify(tiles.url)}, { maxZoom: 19 }).on('load', () => { window.rendered = performance.now() - t0; }).addTo(map);`
			: `document.head.insertAdjacentHTML('beforeend', '<link rel="stylesheet" href="/maplibre-gl.css">');
	const { Map } = await import('/maplibre-gl.mjs');
	const map = new Map({ container: 'map', center: [center[1], center[0]], zoom: 16, style: { version: 8, sources: { t: { type: 'raster', tiles: [${JSON.stringify(tiles.url)}], tileSize: 256 } }, layers: [{ id: 't', type: 'raster', source: 't' }] } });
	map.on('error', (e) => { window.failed = String(e.error?.message ?? e); });
	map.once('idle', () => { window.rendered = performance.now() - t0; });`
	}
});
</script></body></html>`;
const server = createServer((req, res) => {
	const path = (req.url ?? '/').split('?')[0];
	if (path === '/leaflet.html' || path === '/maplibre.html') {
		res.writeHead(200, { 'content-type': 'text/html' }).end(page(path === '/leaflet.html' ? 'leaflet' : 'maplibre'));
		return;
	}
	const a = assets[path];
	if (!a) return void res.writeHead(404).end();
	res.writeHead(200, { 'content-type': a.type, 'cache-control': 'no-store' }).end(a.body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	headless: true,
	// No GPU here (nor on many cheap phones' blocklists): WebGL runs on SwiftShader, the CPU.
	args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking']
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`leaflet 1.9.4: JS ${kb(gz(['/leaflet.js']))} + CSS ${kb(gz(['/leaflet.css']))} gzip`);
console.log(`maplibre-gl 6.17.0: JS ${kb(gz(['/maplibre-gl.mjs', '/maplibre-gl-worker.mjs']))} (main + worker) + CSS ${kb(gz(['/maplibre-gl.css']))} gzip`);
for (const lib of ['leaflet', 'maplibre'] as const) {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
		const p = await context.newPage();
		await p.goto(`${origin}/${lib}.html`);
		await p.click('#go');
		await p.waitForFunction(() => (window as unknown as { rendered?: number; failed?: string }).rendered ?? (window as unknown as { failed?: string }).failed, null, { timeout: 30_000 });
		const r = await p.evaluate(() => (window as unknown as { rendered?: number; failed?: string }).rendered ?? (window as unknown as { failed?: string }).failed);
		if (typeof r !== 'number') throw new Error(`${lib}: ${r}`);
		times.push(r);
		await context.close();
	}
	console.log(`${lib}: first render ${Math.round(median(times))} ms median (min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}, ${runs} runs)`);
}
await browser.close();
server.close();
await tiles.close();
