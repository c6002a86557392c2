import type { RequestEvent } from '@sveltejs/kit';
import { DomainError } from '../shared/errors';
import { exportFigures, periodLabel, toCsv, toGeoJson } from '../dashboard';
import { apiErrorResponse } from './api';

/**
 * The dashboard's downloads (CSV, GeoJSON) for the API and the page's links: a session (cookie
 * or bearer) is required, errors are the API's JSON errors, the file is named by level and
 * period, and never cached by a shared cache (figures are per reader).
 */
export function dashboardExport(format: 'csv' | 'geojson') {
	return async (event: RequestEvent) => {
		try {
			const actor = event.locals.actor;
			if (!actor) throw new DomainError('auth.unauthenticated');
			const { level, period, rows } = await exportFigures(event.locals.ctx.db, actor, Object.fromEntries(event.url.searchParams), event.locals.ctx.clock());
			const name = `noaber-${level}-${periodLabel(period)}.${format}`;
			const body = format === 'csv' ? toCsv(level, period, rows) : JSON.stringify(toGeoJson(level, period, rows));
			return new Response(body, {
				headers: {
					'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8',
					'content-disposition': `attachment; filename="${name}"`,
					'cache-control': 'private, no-store'
				}
			});
		} catch (err) {
			if (err instanceof DomainError) return apiErrorResponse(err, event);
			throw err;
		}
	};
}
