import { error } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { getLatestLedgerCheck } from '$lib/server/ledger';
import { dbPool, ledgerCheckAge, ledgerCheckOk, metricsRegistry } from '$lib/server/shared/metrics';

/**
 * Prometheus scrape endpoint. Figures about the process, never about people. With METRICS_TOKEN
 * set it wants that bearer token; without it, it answers only outside production (a 404 there,
 * so the endpoint is not advertised).
 */
export const GET: RequestHandler = async ({ request, locals }) => {
	const cfg = config();
	if (cfg.METRICS_TOKEN) {
		const given = Buffer.from(request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '');
		const wanted = Buffer.from(cfg.METRICS_TOKEN);
		if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) error(401, 'unauthorized');
	} else if (cfg.production) error(404, 'not_found');

	const { db, clock } = locals.ctx;
	const check = await getLatestLedgerCheck(db);
	ledgerCheckOk.set(check ? (check.ok ? 1 : 0) : -1);
	ledgerCheckAge.set(check ? Math.max(0, (clock().getTime() - new Date(check.checkedAt).getTime()) / 1000) : 0);
	const pool = db.poolStats?.() ?? { total: 1, idle: 1, waiting: 0 };
	for (const [state, n] of Object.entries(pool)) dbPool.set({ state }, n);

	return new Response(await metricsRegistry.metrics(), { headers: { 'content-type': metricsRegistry.contentType } });
};
