import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus series (GET /metrics). One registry per process: several web
 * processes are scraped one by one and summed by Prometheus, never here. Labels stay bounded:
 * the route *pattern* (`/buurten/[id]`), never the path, so one series per page and not per id.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'noaber_' });

export const httpDuration = new Histogram({
	name: 'noaber_http_request_duration_seconds',
	help: 'Time to answer an HTTP request, by route pattern, method and status class',
	labelNames: ['route', 'method', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
	registers: [metricsRegistry]
});

export const jobRuns = new Counter({
	name: 'noaber_job_runs_total',
	help: 'Background job runs by job name and outcome (ok or failed)',
	labelNames: ['job', 'outcome'] as const,
	registers: [metricsRegistry]
});

export const jobDuration = new Histogram({
	name: 'noaber_job_duration_seconds',
	help: 'Time a background job run took, by job name',
	labelNames: ['job'] as const,
	buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
	registers: [metricsRegistry]
});

/** Set on every scrape from the newest ledger check (ledger_checks), so every process reports the same. */
export const ledgerCheckOk = new Gauge({
	name: 'noaber_ledger_check_ok',
	help: '1 when the newest ledger check found every invariant intact, 0 when it found a mismatch, -1 when none ran yet',
	registers: [metricsRegistry]
});
export const ledgerCheckAge = new Gauge({
	name: 'noaber_ledger_check_age_seconds',
	help: 'Seconds since the newest ledger check ran',
	registers: [metricsRegistry]
});

export const dbPool = new Gauge({
	name: 'noaber_db_pool_connections',
	help: 'Database pool connections by state (total, idle, waiting); PGlite has one connection',
	labelNames: ['state'] as const,
	registers: [metricsRegistry]
});

/** The status class keeps the label set small: 2xx, 3xx, 4xx, 5xx. */
export function observeRequest(route: string | null, method: string, status: number, seconds: number): void {
	httpDuration.observe({ route: route ?? 'unmatched', method, status: `${Math.floor(status / 100)}xx` }, seconds);
}

/** Runs one job and counts it; the error is thrown on, so pg-boss still retries it. */
export async function observeJob<T>(job: string, run: () => Promise<T>): Promise<T> {
	const end = jobDuration.startTimer({ job });
	try {
		const result = await run();
		jobRuns.inc({ job, outcome: 'ok' });
		return result;
	} catch (err) {
		jobRuns.inc({ job, outcome: 'failed' });
		throw err;
	} finally {
		end();
	}
}
