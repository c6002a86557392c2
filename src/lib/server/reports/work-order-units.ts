import type { Queryable } from '../db/client';

/**
 * Where a partner's workers have been for a work order: the homes of work orders at a home and
 * the complexes of work orders at a complex, routed to one of the organisations and made or still
 * open within the last `days` days. The concerns module lets a supplier's worker raise a concern
 * about a household only there (index reports_work_orders).
 */
export async function workOrderPlaces(q: Queryable, organisationIds: readonly string[], now: Date, days = 90): Promise<{ unitIds: string[]; complexIds: string[] }> {
	if (!organisationIds.length) return { unitIds: [], complexIds: [] };
	const rows = await q.query<{ unit_id: string | null; complex_id: string | null; location_kind: string }>(
		`SELECT DISTINCT unit_id, complex_id, location_kind FROM reports
		 WHERE organisation_id = ANY($1::uuid[]) AND location_kind IN ('home', 'complex')
		   AND (closed_at IS NULL OR created_at >= $2::timestamptz - make_interval(days => $3))`,
		[organisationIds, now, days]
	);
	const unitIds = new Set<string>();
	const complexIds = new Set<string>();
	for (const r of rows) {
		if (r.location_kind === 'home' && r.unit_id) unitIds.add(r.unit_id);
		if (r.location_kind === 'complex' && r.complex_id) complexIds.add(r.complex_id);
	}
	return { unitIds: [...unitIds], complexIds: [...complexIds] };
}
