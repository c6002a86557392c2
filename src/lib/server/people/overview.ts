import type { Queryable } from '../db/client';
import type { Actor } from './actor';
import { jsonRows, part, readPart, type ReadPart } from '../db/parts';
import { neighbourName, shownStreetSql } from './names';
import { formatAddress } from '../places';

export interface HomeOverview {
	addresses: { address: string; postcode: string; buurt: string; buurtId: string }[];
	supervisorTerms: { buurt: string; endsOn: string }[];
	buurtSupervisors: { buurt: string; names: string[] }[];
	corporation: { name: string; buurten: number; complexes: number; units: number; members: number } | null;
	organisations: { name: string; kind: string }[];
}

type OverviewValue = {
	units: { street: string; house_number: number; addition: string; postcode: string; buurt: string; buurt_id: string }[];
	terms: { buurt: string; ends_on: string }[];
	supervisors: { buurt: string; name: string; street: string | null }[];
	corporation: { name: string; buurten: number; complexes: number; units: number; members: number } | null;
};

/**
 * What a person's home page shows about them and their buurt, as a part of the page's one
 * statement (db/parts.ts): their addresses, their supervisor terms, the supervisors of their
 * buurten and — for staff and partners — their corporation's size.
 */
export function homeOverviewPart(actor: Actor, today: Date): ReadPart<HomeOverview> {
	const day = today.toISOString().slice(0, 10);
	const activeTerm = `t.approved_at IS NOT NULL AND t.starts_on <= $2::date AND t.ends_on > $2::date AND (t.ended_early_on IS NULL OR t.ended_early_on > $2::date)`;
	const corporationId = actor.staff[0]?.corporationId ?? actor.partners[0]?.corporationId ?? null;
	return part(
		`json_build_object(
		'units', ${jsonRows(`SELECT u.street, u.house_number, u.addition, u.postcode, b.name AS buurt, b.id AS buurt_id FROM units u
			JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id
			WHERE u.id = ANY($1::uuid[]) ORDER BY u.street, u.house_number`)},
		'terms', ${jsonRows(`SELECT b.name AS buurt, to_char(t.ends_on, 'YYYY-MM-DD') AS ends_on FROM supervisor_terms t JOIN buurten b ON b.id = t.buurt_id
			WHERE t.account_id = $3 AND ${activeTerm}`)},
		'supervisors', ${jsonRows(`SELECT b.name AS buurt, a.name, ${shownStreetSql('a.id', '$2', 't.buurt_id')} AS street
			FROM supervisor_terms t JOIN buurten b ON b.id = t.buurt_id JOIN accounts a ON a.id = t.account_id
			WHERE t.buurt_id = ANY($4::uuid[]) AND ${activeTerm} ORDER BY b.name, a.name`)},
		'corporation', (SELECT json_build_object('name', c.name,
			'buurten', (SELECT count(*)::int FROM buurten WHERE corporation_id = c.id),
			'complexes', (SELECT count(*)::int FROM complexes WHERE corporation_id = c.id),
			'units', (SELECT count(*)::int FROM units u JOIN complexes x ON x.id = u.complex_id WHERE x.corporation_id = c.id),
			'members', (SELECT count(DISTINCT m.account_id)::int FROM memberships m JOIN units u ON u.id = m.unit_id
				JOIN complexes x ON x.id = u.complex_id WHERE x.corporation_id = c.id))
			FROM corporations c WHERE c.id = $5::uuid))`,
		[actor.memberships.map((m) => m.unitId), day, actor.accountId, actor.memberBuurtIds, corporationId],
		(value) => {
			const v = value as OverviewValue;
			const byBuurt = new Map<string, string[]>();
			for (const s of v.supervisors) byBuurt.set(s.buurt, [...(byBuurt.get(s.buurt) ?? []), neighbourName(s.name, s.street)]);
			return {
				addresses: v.units.map((u) => ({ address: formatAddress(u), postcode: u.postcode, buurt: u.buurt, buurtId: u.buurt_id })),
				supervisorTerms: v.terms.map((t) => ({ buurt: t.buurt, endsOn: t.ends_on })),
				// Neighbours see a first name, and the street only if the person chose that (ARCHITECTURE.md, "Who sees what").
				buurtSupervisors: [...byBuurt].map(([buurt, names]) => ({ buurt, names })),
				corporation: v.corporation,
				organisations: actor.partners.map((p) => ({ name: p.name, kind: p.kind }))
			};
		}
	);
}

/** The same on its own: one query. */
export async function getHomeOverview(db: Queryable, actor: Actor, today: Date): Promise<HomeOverview> {
	return readPart(db, homeOverviewPart(actor, today));
}
