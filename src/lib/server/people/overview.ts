import type { Queryable } from '../db/client';
import type { Actor } from './actor';
import { neighbourName } from './names';
import { formatAddress } from '../places';

export interface HomeOverview {
	addresses: { address: string; postcode: string; buurt: string; buurtId: string }[];
	supervisorTerms: { buurt: string; endsOn: string }[];
	buurtSupervisors: { buurt: string; names: string[] }[];
	corporation: { name: string; buurten: number; complexes: number; units: number; members: number } | null;
	organisations: { name: string; kind: string }[];
}

/** What a person's home page shows about them and their buurt; a fixed number of queries. */
export async function getHomeOverview(db: Queryable, actor: Actor, today: Date): Promise<HomeOverview> {
	const day = today.toISOString().slice(0, 10);
	const units = await db.query<{ street: string; house_number: number; addition: string; postcode: string; buurt: string; buurt_id: string }>(
		`SELECT u.street, u.house_number, u.addition, u.postcode, b.name AS buurt, b.id AS buurt_id FROM units u
		 JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id
		 WHERE u.id = ANY($1::uuid[]) ORDER BY u.street, u.house_number`,
		[actor.memberships.map((m) => m.unitId)]
	);
	const terms = await db.query<{ buurt: string; ends_on: string }>(
		`SELECT b.name AS buurt, to_char(t.ends_on, 'YYYY-MM-DD') AS ends_on FROM supervisor_terms t JOIN buurten b ON b.id = t.buurt_id
		 WHERE t.account_id = $1 AND t.approved_at IS NOT NULL AND t.starts_on <= $2::date AND t.ends_on > $2::date AND (t.ended_early_on IS NULL OR t.ended_early_on > $2::date)`,
		[actor.accountId, day]
	);
	// The street only for supervisors who chose to show it, and only where they live in that buurt (names.ts).
	const supervisors = await db.query<{ buurt: string; name: string; street: string | null }>(
		`SELECT b.name AS buurt, a.name,
		   (SELECT u.street FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
		    WHERE a.show_street AND m.account_id = a.id AND c.buurt_id = t.buurt_id
		      AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on > $2::date) ORDER BY u.street LIMIT 1) AS street
		 FROM supervisor_terms t JOIN buurten b ON b.id = t.buurt_id JOIN accounts a ON a.id = t.account_id
		 WHERE t.buurt_id = ANY($1::uuid[]) AND t.approved_at IS NOT NULL AND t.starts_on <= $2::date AND t.ends_on > $2::date
		   AND (t.ended_early_on IS NULL OR t.ended_early_on > $2::date)
		 ORDER BY b.name, a.name`,
		[actor.memberBuurtIds, day]
	);
	const byBuurt = new Map<string, string[]>();
	for (const s of supervisors) byBuurt.set(s.buurt, [...(byBuurt.get(s.buurt) ?? []), neighbourName(s.name, s.street)]);
	const corporationId = actor.staff[0]?.corporationId ?? actor.partners[0]?.corporationId;
	let corporation: HomeOverview['corporation'] = null;
	if (corporationId) {
		const [row] = await db.query<{ name: string; buurten: number; complexes: number; units: number; members: number }>(
			`SELECT c.name,
			   (SELECT count(*)::int FROM buurten WHERE corporation_id = c.id) AS buurten,
			   (SELECT count(*)::int FROM complexes WHERE corporation_id = c.id) AS complexes,
			   (SELECT count(*)::int FROM units u JOIN complexes x ON x.id = u.complex_id WHERE x.corporation_id = c.id) AS units,
			   (SELECT count(DISTINCT m.account_id)::int FROM memberships m JOIN units u ON u.id = m.unit_id
			      JOIN complexes x ON x.id = u.complex_id WHERE x.corporation_id = c.id) AS members
			 FROM corporations c WHERE c.id = $1`,
			[corporationId]
		);
		corporation = row ?? null;
	}
	return {
		addresses: units.map((u) => ({ address: formatAddress(u), postcode: u.postcode, buurt: u.buurt, buurtId: u.buurt_id })),
		supervisorTerms: terms.map((t) => ({ buurt: t.buurt, endsOn: t.ends_on })),
		// Neighbours see a first name, and the street only if the person chose that (ARCHITECTURE.md, "Who sees what").
		buurtSupervisors: [...byBuurt].map(([buurt, names]) => ({ buurt, names })),
		corporation,
		organisations: actor.partners.map((p) => ({ name: p.name, kind: p.kind }))
	};
}
