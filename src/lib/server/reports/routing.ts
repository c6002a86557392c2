import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { canManageReports } from './policy';
import { checkParty, type PartyColumns } from './parties';
import { partySchema, type CategoryRow, type PartyKind } from './model';

/**
 * Routing rules: an ordered list per corporation; the first rule that matches a new report
 * decides who handles it. A rule matches on category (the report's category or its parent),
 * buurt and complex; a field left empty matches anything. No rule matches: the category's own
 * responsible party. Staff replace the whole list at once (the order is the list's order).
 */
export interface RuleRow extends PartyColumns {
	id: string;
	position: number;
	category_id: string | null;
	buurt_id: string | null;
	complex_id: string | null;
}

/** Pure: the party for a report, from the rules in order, else the category's. */
export function route(
	rules: readonly RuleRow[],
	report: { category: Pick<CategoryRow, 'id' | 'parent_id' | 'party_kind' | 'team_id' | 'staff_id' | 'organisation_id'>; buurtId: string; complexId: string | null }
): PartyColumns & { ruleId: string | null } {
	const categories = [report.category.id, report.category.parent_id].filter(Boolean);
	const hit = [...rules]
		.sort((a, b) => a.position - b.position)
		.find((r) => (!r.category_id || categories.includes(r.category_id)) && (!r.buurt_id || r.buurt_id === report.buurtId) && (!r.complex_id || r.complex_id === report.complexId));
	const from = hit ?? report.category;
	return { party_kind: from.party_kind, team_id: from.team_id, staff_id: from.staff_id, organisation_id: from.organisation_id, ruleId: hit?.id ?? null };
}

export async function rulesOf(q: Queryable, corporationId: string): Promise<RuleRow[]> {
	return q.query<RuleRow>(
		`SELECT id, position, category_id, buurt_id, complex_id, party_kind, team_id, staff_id, organisation_id FROM report_routing_rules
		 WHERE corporation_id = $1 ORDER BY position`,
		[corporationId]
	);
}

const ruleSchema = z.object({
	categoryId: z.uuid('reports.unknown_category').nullable().optional(),
	buurtId: z.uuid('reports.rule_place_invalid').nullable().optional(),
	complexId: z.uuid('reports.rule_place_invalid').nullable().optional(),
	party: partySchema
});
export const saveRoutingRulesSchema = z.object({ corporationId: z.uuid('reports.forbidden'), rules: z.array(ruleSchema).max(200, 'validation.too_big') });

/**
 * Staff replace their corporation's routing rules (in the order given). Every category, buurt,
 * complex and party must be the corporation's own. Errors: validation.invalid (rules.N.categoryId
 * → reports.unknown_category; rules.N.buurtId / complexId → reports.rule_place_invalid;
 * rules.N.party → reports.party_invalid), reports.forbidden.
 */
export async function saveRoutingRules(ctx: Ctx, actor: Actor, input: unknown): Promise<{ rules: number }> {
	const v = parseInput(saveRoutingRulesSchema, input);
	if (!canManageReports(actor, v.corporationId)) throw new DomainError('reports.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const fields: Record<string, string> = {};
		const checked: (PartyColumns & { category_id: string | null; buurt_id: string | null; complex_id: string | null })[] = [];
		for (const [i, r] of v.rules.entries()) {
			const [ok] = await tx.query<{ category: boolean; buurt: boolean; complex: boolean }>(
				`SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM report_categories WHERE id = $1 AND corporation_id = $4)) AS category,
					($2::uuid IS NULL OR EXISTS (SELECT 1 FROM buurten WHERE id = $2 AND corporation_id = $4)) AS buurt,
					($3::uuid IS NULL OR EXISTS (SELECT 1 FROM complexes WHERE id = $3 AND corporation_id = $4)) AS complex`,
				[r.categoryId ?? null, r.buurtId ?? null, r.complexId ?? null, v.corporationId]
			);
			if (!ok.category) fields[`rules.${i}.categoryId`] = 'reports.unknown_category';
			if (!ok.buurt) fields[`rules.${i}.buurtId`] = 'reports.rule_place_invalid';
			if (!ok.complex) fields[`rules.${i}.complexId`] = 'reports.rule_place_invalid';
			try {
				checked.push({ ...(await checkParty(tx, v.corporationId, r.party, `rules.${i}.party`)), category_id: r.categoryId ?? null, buurt_id: r.buurtId ?? null, complex_id: r.complexId ?? null });
			} catch (e) {
				if (!(e instanceof DomainError)) throw e;
				Object.assign(fields, e.fields);
			}
		}
		if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
		await tx.query('DELETE FROM report_routing_rules WHERE corporation_id = $1', [v.corporationId]);
		for (const [i, r] of checked.entries()) {
			await tx.query(
				`INSERT INTO report_routing_rules (corporation_id, position, category_id, buurt_id, complex_id, party_kind, team_id, staff_id, organisation_id, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				[v.corporationId, i + 1, r.category_id, r.buurt_id, r.complex_id, r.party_kind, r.team_id, r.staff_id, r.organisation_id, at]
			);
		}
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'reports.routing_saved', subject: `corporation:${v.corporationId}`, details: { rules: checked.length } });
		return { rules: checked.length };
	});
}

/** A rule as the API shows it. */
export const presentRule = (r: RuleRow) => ({
	id: r.id,
	position: r.position,
	categoryId: r.category_id,
	buurtId: r.buurt_id,
	complexId: r.complex_id,
	party: presentParty(r)
});

export const presentParty = (p: { party_kind: PartyKind; team_id: string | null; staff_id?: string | null; organisation_id: string | null }) => ({
	kind: p.party_kind,
	teamId: p.team_id,
	staffId: p.staff_id ?? null,
	organisationId: p.organisation_id
});

/** Staff read their corporation's rules. Errors: reports.forbidden. */
export async function listRoutingRules(db: Queryable, actor: Actor, corporationId: string) {
	if (!/^[0-9a-f-]{36}$/i.test(corporationId) || !canManageReports(actor, corporationId)) throw new DomainError('reports.forbidden');
	return (await rulesOf(db, corporationId)).map(presentRule);
}
