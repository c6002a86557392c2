// npm run seed: put the demo neighbourhood into an empty database (demo mode only).
// npm run seed -- --scale large: the demo neighbourhood, then its corporation at the size of a
// large Dutch one (scripts/seed-large.ts; PostgreSQL only, takes minutes).
import { startRuntime } from '../src/lib/server/runtime';
import { isSeeded, seedDemoNeighbourhood } from '../src/lib/server/demo';
import { config } from '../src/lib/server/config';
import { seedLarge } from './seed-large';

const cfg = config();
if (!cfg.demo) {
	console.error('Demo data is only for demo mode (not with NODE_ENV=production or DEMO=false).');
	process.exit(2);
}
const scaleAt = process.argv.indexOf('--scale');
const scale = scaleAt >= 0 ? process.argv[scaleAt + 1] : null;
if (scale !== null && scale !== 'large') {
	console.error(`Unknown scale "${scale}": the only one is --scale large.`);
	process.exit(2);
}
if (scale && !cfg.DATABASE_URL) {
	console.error('--scale large needs PostgreSQL: set DATABASE_URL. The embedded database (PGlite) runs one query at a time and would take hours for millions of rows.');
	process.exit(2);
}
const runtime = await startRuntime({ web: false, worker: false, cfg: { ...cfg, demo: false } });
try {
	if (await isSeeded(runtime.ctx.db)) console.log('The database already has data; no demo seeded.');
	else {
		await seedDemoNeighbourhood(runtime.ctx);
		console.log('Demo neighbourhood seeded.');
	}
} finally {
	await runtime.stop();
}
if (scale) {
	console.log('Growing the demo corporation to 80,000 units (--scale large):');
	// SEED_SCALE_FACTOR (default 1) shrinks every count, for a quick try of the generator.
	const f = Number(process.env.SEED_SCALE_FACTOR ?? 1);
	const times = (x: number) => Math.round(x * f);
	await seedLarge({ url: cfg.DATABASE_URL!, units: times(80_000), buurten: Math.max(10, times(300)), accounts: times(60_000), reports: times(1_000_000), transfers: times(2_000_000), surveyAnswers: times(200_000) });
	console.log('Done.');
}
