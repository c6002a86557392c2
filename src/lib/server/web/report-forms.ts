import type { Party } from '../reports';

/**
 * Edge helpers for the staff's and partners' meldingen pages: a party chosen in one <select>
 * ("team:<id>", "staff:<id>", "supplier:<id>", "municipality:<id>", "corporation"), the choices
 * of a question typed one per line, a stable code from a label, and a report id found in
 * whatever staff paste (the id, or the address of the report's page). No rules here: the use
 * cases' schemas judge what comes out.
 */

/** A party from a select's value; anything else goes on as given, for the schema to refuse. */
export function partyFrom(value: string | undefined): Party | { kind: string } {
	if (!value) return { kind: '' };
	if (value === 'corporation') return { kind: 'corporation' };
	const [kind, id] = value.split(':', 2);
	if (kind === 'team') return { kind, teamId: id };
	if (kind === 'staff') return { kind, staffId: id };
	if (kind === 'supplier' || kind === 'municipality') return { kind, organisationId: id };
	return { kind: value };
}

/** The select's value for a party as the tables store it. */
export function partyValue(p: { party_kind: string; team_id: string | null; staff_id?: string | null; assignee_id?: string | null; organisation_id: string | null }): string {
	if (p.party_kind === 'team') return `team:${p.team_id}`;
	if (p.party_kind === 'staff') return `staff:${p.staff_id ?? p.assignee_id}`;
	if (p.party_kind === 'supplier' || p.party_kind === 'municipality') return `${p.party_kind}:${p.organisation_id}`;
	return 'corporation';
}

/** A lower-case code from a label ("Is het lekker?" → "is_het_lekker"), not one of `taken`. */
export function codeFrom(label: string, taken: readonly string[] = [], max = 40): string {
	const base =
		label
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_+|_+$/g, '')
			.slice(0, max - 3) || 'vraag';
	const start = /^[a-z]/.test(base) ? base : `q_${base}`.slice(0, max - 3);
	let code = start;
	for (let i = 2; taken.includes(code); i++) code = `${start}_${i}`;
	return code;
}

/**
 * The choices of a choice question, one per line: "Nederlands | English" or
 * "code | Nederlands | English". Without a code it is made from the Dutch words; without English
 * the Dutch words count for both.
 */
export function choicesFrom(text: string | undefined): { key: string; nl: string; en: string }[] {
	const out: { key: string; nl: string; en: string }[] = [];
	for (const line of (text ?? '').split(/\r?\n/)) {
		const parts = line.split('|').map((s) => s.trim());
		if (!parts.some(Boolean)) continue;
		const [key, nl, en] = parts.length >= 3 ? parts : [undefined, parts[0], parts[1]];
		out.push({ key: key ?? codeFrom(nl ?? '', out.map((c) => c.key)), nl: nl ?? '', en: en || (nl ?? '') });
	}
	return out;
}

/** The choices as the text area shows them again. */
export const choicesText = (choices: readonly { key: string; nl: string; en: string }[]) => choices.map((c) => `${c.key} | ${c.nl} | ${c.en}`).join('\n');

/** The first report id in what was pasted (an id or a page's address); else what was typed. */
export function reportIdIn(text: string | undefined): string | undefined {
	const m = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text ?? '');
	return m ? m[0].toLowerCase() : text?.trim() || undefined;
}

/** A checkbox: on when sent (any value), off when absent. */
export const checked = (data: FormData, name: string) => data.has(name);
