import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import { buurtInScope, isStaffOf, type Actor } from '../people';
import { plainText } from '../shared/text';
import { MAX_HIDE_AFTER, MAX_RULES } from './model';
import { canManageRules } from './policy';
import { hideAfter } from './report-content';

/**
 * House rules per corporation. Without its own text a corporation has the default (B1 Dutch and
 * English, messages `moderation.rules.default`); staff write their own, in both languages, or
 * empty both to go back to the default. Every form that publishes text links to them, and shows
 * them in full before a person's first post there (moderation_rules_seen, set by checkMayPost).
 */

export interface HouseRules {
	corporationId: string;
	corporationName: string;
	/** The corporation's own text, or null for the default. */
	custom: { nl: string; en: string; updatedAt: Date } | null;
}

/** The house rules of every corporation the actor belongs to (as a member, staff or partner), by name. */
export async function houseRulesOf(q: Queryable, actor: Actor): Promise<HouseRules[]> {
	const ids = [...new Set([...actor.memberships.map((m) => m.corporationId), ...actor.staff.map((s) => s.corporationId), ...actor.partners.map((p) => p.corporationId)])];
	if (!ids.length) return [];
	const rows = await q.query<{ id: string; name: string; body_nl: string | null; body_en: string | null; updated_at: Date | null }>(
		`SELECT c.id, c.name, r.body_nl, r.body_en, r.updated_at FROM corporations c LEFT JOIN moderation_house_rules r ON r.corporation_id = c.id WHERE c.id = ANY($1::uuid[]) ORDER BY c.name`,
		[ids]
	);
	return rows.map((r) => ({ corporationId: r.id, corporationName: r.name, custom: r.body_nl && r.body_en ? { nl: r.body_nl, en: r.body_en, updatedAt: r.updated_at! } : null }));
}

/** For a form that publishes text in this corporation: its own rules (null: the default) and whether the actor posts there for the first time. */
export async function rulesForForm(q: Queryable, actor: Actor, corporationId: string): Promise<{ custom: { nl: string; en: string } | null; firstTime: boolean }> {
	const [row] = await q.query<{ body_nl: string | null; body_en: string | null; seen: boolean }>(
		`SELECT r.body_nl, r.body_en, EXISTS (SELECT 1 FROM moderation_rules_seen s WHERE s.account_id = $2 AND s.corporation_id = $1) AS seen
		 FROM (SELECT 1) one LEFT JOIN moderation_house_rules r ON r.corporation_id = $1`,
		[corporationId, actor.accountId]
	);
	return { custom: row?.body_nl && row.body_en ? { nl: row.body_nl, en: row.body_en } : null, firstTime: !row?.seen };
}

const rulesText = plainText().trim().max(MAX_RULES, 'validation.too_long');
export const saveHouseRulesSchema = z.object({ corporationId: z.uuid('moderation.not_found'), bodyNl: rulesText.default(''), bodyEn: rulesText.default('') });

/**
 * Staff write their corporation's house rules (both languages), or empty both to use the
 * default again. Audited. Errors: moderation.not_found (not staff there), validation.invalid
 * (bodyNl/bodyEn → moderation.rules_both | validation.too_long).
 */
export async function saveHouseRules(ctx: Ctx, actor: Actor, input: unknown): Promise<{ custom: boolean }> {
	const corporationId = parseTarget(saveHouseRulesSchema, 'corporationId', input);
	if (!canManageRules(actor, corporationId)) throw new DomainError('moderation.not_found');
	const v = parseInput(saveHouseRulesSchema, input);
	if (!v.bodyNl !== !v.bodyEn) throw new DomainError('validation.invalid', {}, v.bodyNl ? { bodyEn: 'moderation.rules_both' } : { bodyNl: 'moderation.rules_both' });
	const at = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		if (!v.bodyNl) await tx.query('DELETE FROM moderation_house_rules WHERE corporation_id = $1', [corporationId]);
		else
			await tx.query(
				`INSERT INTO moderation_house_rules (corporation_id, body_nl, body_en, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
				 ON CONFLICT (corporation_id) DO UPDATE SET body_nl = EXCLUDED.body_nl, body_en = EXCLUDED.body_en, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
				[corporationId, v.bodyNl, v.bodyEn, actor.accountId, at]
			);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'moderation.rules_saved', subject: `corporation:${corporationId}`, details: { custom: !!v.bodyNl }, corporationId });
	});
	return { custom: !!v.bodyNl };
}

export const setHideAfterSchema = z.object({
	buurtId: z.uuid('moderation.not_found'),
	hideAfter: z.coerce.number('moderation.hide_after_invalid').int('moderation.hide_after_invalid').min(1, 'moderation.hide_after_invalid').max(MAX_HIDE_AFTER, 'moderation.hide_after_invalid')
});

/** Staff set after how many reporting households content of a buurt is hidden. Audited. Errors: moderation.not_found, moderation.forbidden, validation.invalid. */
export async function setHideAfter(ctx: Ctx, actor: Actor, input: unknown): Promise<{ hideAfter: number }> {
	const buurtId = parseTarget(setHideAfterSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const b = await buurtInScope(tx, actor, buurtId, 'board', 'moderation.not_found');
		if (!isStaffOf(actor, b.corporation_id)) throw new DomainError('moderation.forbidden');
		const v = parseInput(setHideAfterSchema, input);
		await tx.query(
			`INSERT INTO moderation_settings (buurt_id, hide_after, updated_by, updated_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (buurt_id) DO UPDATE SET hide_after = EXCLUDED.hide_after, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
			[b.id, v.hideAfter, actor.accountId, at]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'moderation.setting_changed', subject: `buurt:${b.id}`, details: { hideAfter: v.hideAfter }, corporationId: b.corporation_id });
		return { hideAfter: v.hideAfter };
	});
}

export { hideAfter };
