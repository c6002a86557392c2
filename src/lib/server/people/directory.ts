import type { Queryable } from '../db/client';

/**
 * Who is who, for other modules that must address people (notifications, rewards): the
 * staff of a corporation and the members of a buurt on a day. Only ids; names come with the
 * actor or with the module's own read.
 */

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Every staff account of a corporation (any role). */
export async function staffAccountIds(q: Queryable, corporationId: string): Promise<string[]> {
	const rows = await q.query<{ account_id: string }>('SELECT DISTINCT account_id FROM staff_roles WHERE corporation_id = $1', [corporationId]);
	return rows.map((r) => r.account_id);
}

/** Every account with a membership (tenant or owner) in the buurt on that day. */
export async function memberAccountIds(q: Queryable, buurtId: string, today: Date): Promise<string[]> {
	const rows = await q.query<{ account_id: string }>(
		`SELECT DISTINCT m.account_id FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
		 WHERE c.buurt_id = $1 AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on > $2::date)`,
		[buurtId, isoDay(today)]
	);
	return rows.map((r) => r.account_id);
}

/** Every account working for a partner organisation (its staff; for a tenants' association: its board members). */
export async function partnerStaffIds(q: Queryable, organisationId: string): Promise<string[]> {
	const rows = await q.query<{ account_id: string }>('SELECT account_id FROM partner_staff WHERE organisation_id = $1 ORDER BY account_id', [organisationId]);
	return rows.map((r) => r.account_id);
}

export interface OrganisationFacts {
	id: string;
	corporationId: string;
	kind: 'care' | 'municipality' | 'supplier' | 'tenants_association';
	name: string;
	/** The buurten staff linked it to. */
	buurtIds: string[];
}

/** A corporation's partner organisations of one kind, with their linked buurten (one query). */
export async function organisationsOfKind(q: Queryable, corporationId: string, kind: OrganisationFacts['kind']): Promise<OrganisationFacts[]> {
	const rows = await q.query<{ id: string; corporation_id: string; kind: OrganisationFacts['kind']; name: string; buurt_ids: string[] }>(
		`SELECT o.id, o.corporation_id, o.kind, o.name, ARRAY(SELECT ob.buurt_id FROM organisation_buurten ob WHERE ob.organisation_id = o.id ORDER BY ob.buurt_id) AS buurt_ids
		 FROM organisations o WHERE o.corporation_id = $1 AND o.kind = $2 ORDER BY o.name, o.id`,
		[corporationId, kind]
	);
	return rows.map((r) => ({ id: r.id, corporationId: r.corporation_id, kind: r.kind, name: r.name, buurtIds: r.buurt_ids }));
}
