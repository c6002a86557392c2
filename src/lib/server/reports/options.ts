import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { canManageReports } from './policy';
import { retentionMonthsOf } from './settings';

/**
 * What the staff pages choose from when they filter, assign, route and forward: the
 * corporation's teams (with their members), staff members, suppliers and municipality, buurten
 * and complexes — and the retention setting. Names for the lists' ids come from here too, so a
 * list of 50 reports needs no query per row. A handful of small queries, run together.
 */
export interface HandlingOptions {
	teams: { id: string; name: string; memberIds: string[] }[];
	staff: { id: string; name: string }[];
	organisations: { id: string; name: string; kind: 'supplier' | 'municipality' }[];
	/** Every partner organisation of the corporation (a report can be forwarded to any). */
	partners: { id: string; name: string; kind: string }[];
	buurten: { id: string; name: string }[];
	complexes: { id: string; name: string; buurtId: string }[];
	retentionMonths: number;
}

/** Errors: reports.forbidden (not staff of the corporation). */
export async function listHandlingOptions(db: Queryable, actor: Actor, corporationId: string): Promise<HandlingOptions> {
	if (!/^[0-9a-f-]{36}$/i.test(corporationId) || !canManageReports(actor, corporationId)) throw new DomainError('reports.forbidden');
	const [teams, staff, partners, buurten, complexes, retentionMonths] = await Promise.all([
		db.query<{ id: string; name: string; member_ids: string[] }>(
			`SELECT t.id, t.name, ARRAY(SELECT m.account_id FROM report_team_members m WHERE m.team_id = t.id ORDER BY m.account_id) AS member_ids
			 FROM report_teams t WHERE t.corporation_id = $1 ORDER BY t.name`,
			[corporationId]
		),
		db.query<{ id: string; name: string }>(
			'SELECT DISTINCT a.id, a.name FROM staff_roles s JOIN accounts a ON a.id = s.account_id WHERE s.corporation_id = $1 ORDER BY a.name, a.id',
			[corporationId]
		),
		db.query<{ id: string; name: string; kind: string }>('SELECT id, name, kind FROM organisations WHERE corporation_id = $1 ORDER BY name, id', [corporationId]),
		db.query<{ id: string; name: string }>('SELECT id, name FROM buurten WHERE corporation_id = $1 ORDER BY name, id', [corporationId]),
		db.query<{ id: string; name: string; buurt_id: string }>('SELECT id, name, buurt_id FROM complexes WHERE corporation_id = $1 ORDER BY name, id', [corporationId]),
		retentionMonthsOf(db, corporationId)
	]);
	return {
		teams: teams.map((t) => ({ id: t.id, name: t.name, memberIds: t.member_ids })),
		staff,
		organisations: partners.filter((o): o is { id: string; name: string; kind: 'supplier' | 'municipality' } => o.kind === 'supplier' || o.kind === 'municipality'),
		partners,
		buurten,
		complexes: complexes.map((c) => ({ id: c.id, name: c.name, buurtId: c.buurt_id })),
		retentionMonths
	};
}
