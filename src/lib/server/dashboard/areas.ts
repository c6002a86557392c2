import type { Queryable } from '../db/client';
import type { AreaKind } from './model';

/** One area as the dashboard publishes it (a row of dashboard_areas). */
export interface Area {
	corporationId: string;
	kind: AreaKind;
	id: string;
	name: string;
	/** CBS code (GM…, WK…, BU…) or the complex's code; null for the corporation. */
	code: string | null;
	cbsYear: number | null;
	parentKind: AreaKind | null;
	parentId: string | null;
	buurtId: string | null;
	wijkCode: string | null;
	gemeenteCode: string | null;
	path: { kind: AreaKind; id: string; name: string }[];
}

export interface AreaRow {
	corporation_id: string;
	area_kind: AreaKind;
	area_id: string;
	name: string;
	code: string | null;
	cbs_year: number | null;
	parent_kind: AreaKind | null;
	parent_id: string | null;
	buurt_id: string | null;
	wijk_code: string | null;
	gemeente_code: string | null;
	path: { kind: AreaKind; id: string; name: string }[];
}
export const areaColumns = 'corporation_id, area_kind, area_id, name, code, cbs_year, parent_kind, parent_id, buurt_id, wijk_code, gemeente_code, path';
export const areaOf = (r: AreaRow): Area => ({
	corporationId: r.corporation_id,
	kind: r.area_kind,
	id: r.area_id,
	name: r.name,
	code: r.code,
	cbsYear: r.cbs_year,
	parentKind: r.parent_kind,
	parentId: r.parent_id,
	buurtId: r.buurt_id,
	wijkCode: r.wijk_code,
	gemeenteCode: r.gemeente_code,
	path: r.path
});

/**
 * Rebuilds a corporation's area tree from places (buurten, wijken, gemeenten, complexes) in one
 * statement: the pages then read names, codes and parents from this table only. A wijk or
 * gemeente takes the CBS year of its buurten (the newest, if they differ).
 */
export async function rebuildAreas(tx: Queryable, corporationId: string): Promise<void> {
	await tx.query(
		`WITH b AS (SELECT b.id, b.name, b.code, b.cbs_year, b.wijk_code, w.name AS wijk_name, w.gemeente_code, g.name AS gemeente_name, c.name AS corporation_name, c.id AS corporation_id
			FROM buurten b JOIN wijken w ON w.code = b.wijk_code JOIN gemeenten g ON g.code = w.gemeente_code JOIN corporations c ON c.id = b.corporation_id WHERE b.corporation_id = $1),
		 corp AS (SELECT id, name FROM corporations WHERE id = $1),
		 tree AS (
			SELECT $1::uuid AS corporation_id, 'corporation' AS area_kind, $1::text AS area_id, (SELECT name FROM corp) AS name, NULL::text AS code, NULL::int AS cbs_year,
				NULL::text AS parent_kind, NULL::text AS parent_id, NULL::uuid AS buurt_id, NULL::text AS wijk_code, NULL::text AS gemeente_code, '[]'::jsonb AS path
			UNION ALL SELECT $1, 'gemeente', gemeente_code, min(gemeente_name), gemeente_code, max(cbs_year), 'corporation', $1::text, NULL, NULL, gemeente_code,
				jsonb_build_array(jsonb_build_object('kind', 'corporation', 'id', $1::text, 'name', (SELECT name FROM corp))) FROM b GROUP BY gemeente_code
			UNION ALL SELECT $1, 'wijk', wijk_code, min(wijk_name), wijk_code, max(cbs_year), 'gemeente', min(gemeente_code), NULL, wijk_code, min(gemeente_code),
				jsonb_build_array(jsonb_build_object('kind', 'corporation', 'id', $1::text, 'name', (SELECT name FROM corp)), jsonb_build_object('kind', 'gemeente', 'id', min(gemeente_code), 'name', min(gemeente_name))) FROM b GROUP BY wijk_code
			UNION ALL SELECT $1, 'buurt', id::text, name, code, cbs_year, 'wijk', wijk_code, id, wijk_code, gemeente_code,
				jsonb_build_array(jsonb_build_object('kind', 'corporation', 'id', $1::text, 'name', corporation_name), jsonb_build_object('kind', 'gemeente', 'id', gemeente_code, 'name', gemeente_name), jsonb_build_object('kind', 'wijk', 'id', wijk_code, 'name', wijk_name)) FROM b
			UNION ALL SELECT $1, 'complex', x.id::text, x.name, x.code, b.cbs_year, 'buurt', b.id::text, b.id, b.wijk_code, b.gemeente_code,
				jsonb_build_array(jsonb_build_object('kind', 'corporation', 'id', $1::text, 'name', b.corporation_name), jsonb_build_object('kind', 'gemeente', 'id', b.gemeente_code, 'name', b.gemeente_name), jsonb_build_object('kind', 'wijk', 'id', b.wijk_code, 'name', b.wijk_name), jsonb_build_object('kind', 'buurt', 'id', b.id::text, 'name', b.name))
				FROM complexes x JOIN b ON b.id = x.buurt_id)
		 INSERT INTO dashboard_areas (${areaColumns}) SELECT * FROM tree
		 ON CONFLICT (corporation_id, area_kind, area_id) DO UPDATE SET name = excluded.name, code = excluded.code, cbs_year = excluded.cbs_year, parent_kind = excluded.parent_kind,
			parent_id = excluded.parent_id, buurt_id = excluded.buurt_id, wijk_code = excluded.wijk_code, gemeente_code = excluded.gemeente_code, path = excluded.path
		 WHERE (dashboard_areas.name, dashboard_areas.code, dashboard_areas.cbs_year, dashboard_areas.parent_id, dashboard_areas.path)
			IS DISTINCT FROM (excluded.name, excluded.code, excluded.cbs_year, excluded.parent_id, excluded.path)`,
		[corporationId]
	);
}

/** Every area of a corporation (the refresh needs the whole tree for zeros and for the relations). */
export async function listAreas(q: Queryable, corporationId: string): Promise<Area[]> {
	return (await q.query<AreaRow>(`SELECT ${areaColumns} FROM dashboard_areas WHERE corporation_id = $1`, [corporationId])).map(areaOf);
}
