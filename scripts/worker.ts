// npm run worker: only the job worker (production runs M of these beside the web processes).
import { startRuntime } from '../src/lib/server/runtime';

const runtime = await startRuntime({ web: false, worker: true });
runtime.ctx.log.info('worker running; stop with Ctrl+C');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, async () => {
		await runtime.stop();
		process.exit(0);
	});
}
