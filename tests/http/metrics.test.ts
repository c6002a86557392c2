import { expect, it } from 'vitest';
import { url } from './client';

/** The series an operator's dashboard and alerts are built on (docs/OPERATIONS.md). */
it('/metrics exposes request latency per route, jobs, the ledger check and the database pool in Prometheus format', async () => {
	// A request to a page with a route pattern, so its histogram has a sample.
	expect((await fetch(url('/healthz'))).status).toBe(200);
	const res = await fetch(url('/metrics'));
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
	const body = await res.text();
	expect(body).toMatch(/^noaber_http_request_duration_seconds_bucket\{le="0\.005",route="\/healthz",method="GET",status="2xx"\} \d+$/m);
	expect(body).toMatch(/^# TYPE noaber_job_runs_total counter$/m);
	expect(body).toMatch(/^# TYPE noaber_job_duration_seconds histogram$/m);
	// The server's worker runs the ledger check at start: the newest check is intact.
	expect(body).toMatch(/^noaber_ledger_check_ok (1|-1)$/m);
	expect(body).toMatch(/^noaber_db_pool_connections\{state="total"\} \d+$/m);
	expect(body).toMatch(/^noaber_process_cpu_seconds_total \d/m);
	// Figures about the process, never about people.
	expect(body).not.toMatch(/@|demo\.noaber/);
});

