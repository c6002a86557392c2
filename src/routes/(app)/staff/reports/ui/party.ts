import type { Translate } from '$lib/i18n';

/** A party as the pages show it: a name (a colleague, a team, a supplier), else the corporation. */
export interface PartyRef {
	party_kind: string;
	team_id: string | null;
	assignee_id?: string | null;
	staff_id?: string | null;
	organisation_id: string | null;
}

export function partyName(p: PartyRef, names: Record<string, string>, t: Translate): string {
	const id = p.party_kind === 'team' ? p.team_id : p.party_kind === 'staff' ? (p.assignee_id ?? p.staff_id) : p.organisation_id;
	const name = id ? names[id] : undefined;
	if (p.party_kind === 'team') return t('reportStaff.party.team', { name: name ?? '?' });
	if (p.party_kind === 'corporation' || !name) return t('reportStaff.party.corporation');
	return name;
}

/** Options for one <select> of parties, grouped: teams, colleagues, suppliers, the municipality. */
export interface PartyChoices {
	teams: { id: string; name: string }[];
	staff: { id: string; name: string }[];
	organisations: { id: string; name: string; kind: 'supplier' | 'municipality' }[];
}
