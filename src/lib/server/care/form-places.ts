import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import { careOrganisationsOf } from './policy';

export interface CareFormPlaces {
	organisations: { id: string; name: string; buurten: { id: string; name: string; complexes: { id: string; name: string }[] }[] }[];
}

/**
 * The places a care provider may choose on the request form: the buurten their care
 * organisations serve, each with its complexes (names are places' reference data, read-only).
 */
export async function careFormPlaces(db: Queryable, actor: Actor): Promise<CareFormPlaces> {
	const orgs = careOrganisationsOf(actor);
	const buurtIds = [...new Set(orgs.flatMap((o) => o.buurtIds))];
	const rows = buurtIds.length
		? await db.query<{ id: string; name: string; complexes: { id: string; name: string }[] }>(
				`SELECT b.id, b.name, COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name) FROM complexes c WHERE c.buurt_id = b.id), '[]'::json) AS complexes
				 FROM buurten b WHERE b.id = ANY($1::uuid[]) ORDER BY b.name`,
				[buurtIds]
			)
		: [];
	const byId = new Map(rows.map((b) => [b.id, b]));
	return { organisations: orgs.map((o) => ({ id: o.organisationId, name: o.name, buurten: o.buurtIds.map((id) => byId.get(id)).filter((b): b is NonNullable<typeof b> => !!b) })) };
}
