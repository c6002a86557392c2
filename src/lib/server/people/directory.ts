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
