import type { Queryable } from '../db/client';
import type { Actor } from '../people';

/**
 * What the report form offers a member as places, besides the address search and the map: each
 * of their homes ("bij mijn woning") and each complex they live in ("bij mijn complex"), and the
 * buurten a map pin may fall in. Display names only (units, complexes and buurten are places'
 * reference data, read here as elsewhere in this module).
 */
export interface ReportFormPlaces {
	homes: { unitId: string; label: string; buurtId: string }[];
	complexes: { complexId: string; name: string; buurtId: string }[];
	buurten: { id: string; name: string }[];
}

export async function reportFormPlaces(db: Queryable, actor: Actor): Promise<ReportFormPlaces> {
	const rows = await db.query<{ unit_id: string; label: string; complex_id: string; complex_name: string; buurt_id: string; buurt_name: string }>(
		`SELECT u.id AS unit_id, u.street || ' ' || u.house_number || CASE WHEN u.addition = '' THEN '' ELSE '-' || u.addition END AS label,
			c.id AS complex_id, c.name AS complex_name, b.id AS buurt_id, b.name AS buurt_name
		 FROM units u JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id
		 WHERE u.id = ANY($1::uuid[]) ORDER BY u.street, u.house_number, u.id`,
		[actor.memberships.map((m) => m.unitId)]
	);
	const complexes = new Map(rows.map((r) => [r.complex_id, { complexId: r.complex_id, name: r.complex_name, buurtId: r.buurt_id }]));
	const buurten = new Map(rows.map((r) => [r.buurt_id, { id: r.buurt_id, name: r.buurt_name }]));
	return { homes: rows.map((r) => ({ unitId: r.unit_id, label: r.label, buurtId: r.buurt_id })), complexes: [...complexes.values()], buurten: [...buurten.values()] };
}
