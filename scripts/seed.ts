// npm run seed: put the demo neighbourhood into an empty database (demo mode only).
import { startRuntime } from '../src/lib/server/runtime';
import { isSeeded, seedDemoNeighbourhood } from '../src/lib/server/demo';
import { config } from '../src/lib/server/config';

const cfg = config();
if (!cfg.demo) {
	console.error('Demo data is only for demo mode (not with NODE_ENV=production or DEMO=false).');
	process.exit(2);
}
const runtime = await startRuntime({ web: false, worker: false, cfg: { ...cfg, demo: false } });
try {
	if (await isSeeded(runtime.ctx.db)) console.log('The database already has data; nothing seeded.');
	else {
		await seedDemoNeighbourhood(runtime.ctx);
		console.log('Demo neighbourhood seeded.');
	}
} finally {
	await runtime.stop();
}
