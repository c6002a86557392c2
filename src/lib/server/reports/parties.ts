import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { staffAccountIds } from '../people';
import type { Party, PartyKind } from './model';

/** A party as the tables store it (the four columns of categories, rules and reports). */
export interface PartyColumns {
	party_kind: PartyKind;
	team_id: string | null;
	staff_id: string | null;
	organisation_id: string | null;
}

/**
 * Checks that a party belongs to the corporation (its team, its staff member, its supplier or
 * municipality organisation) and returns the columns to store. Errors: validation.invalid with
 * field `<field>` → reports.party_invalid.
 */
export async function checkParty(q: Queryable, corporationId: string, p: Party, field = 'party'): Promise<PartyColumns> {
	const bad = () => new DomainError('validation.invalid', {}, { [field]: 'reports.party_invalid' });
	const cols: PartyColumns = { party_kind: p.kind, team_id: null, staff_id: null, organisation_id: null };
	if (p.kind === 'team') {
		const [t] = await q.query('SELECT 1 FROM report_teams WHERE id = $1 AND corporation_id = $2', [p.teamId, corporationId]);
		if (!t) throw bad();
		cols.team_id = p.teamId!;
	} else if (p.kind === 'staff') {
		if (!p.staffId || !(await staffAccountIds(q, corporationId)).includes(p.staffId)) throw bad();
		cols.staff_id = p.staffId;
	} else if (p.kind === 'supplier' || p.kind === 'municipality') {
		const [o] = await q.query('SELECT 1 FROM organisations WHERE id = $1 AND corporation_id = $2 AND kind = $3', [p.organisationId, corporationId, p.kind]);
		if (!o) throw bad();
		cols.organisation_id = p.organisationId!;
	}
	return cols;
}

/**
 * The people who handle a report routed to this party: the staff member, the team's members,
 * the partner organisation's staff — or, for the corporation at large (and an empty team), all
 * staff of the corporation. One query per call.
 */
export async function handlerAccountIds(q: Queryable, corporationId: string, p: { party_kind: PartyKind; team_id: string | null; assignee_id: string | null; organisation_id: string | null }): Promise<string[]> {
	if (p.assignee_id) return [p.assignee_id];
	if (p.party_kind === 'team' && p.team_id) {
		const rows = await q.query<{ account_id: string }>('SELECT account_id FROM report_team_members WHERE team_id = $1', [p.team_id]);
		if (rows.length) return rows.map((r) => r.account_id);
	}
	if ((p.party_kind === 'supplier' || p.party_kind === 'municipality') && p.organisation_id) {
		const rows = await q.query<{ account_id: string }>('SELECT account_id FROM partner_staff WHERE organisation_id = $1', [p.organisation_id]);
		return rows.map((r) => r.account_id);
	}
	return staffAccountIds(q, corporationId);
}
