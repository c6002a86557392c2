import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { isStaffOf, type Actor } from '../people';
import { canViewBuurtProposals } from './policy';
import { buurtFacts, ensureSettingsRow } from './store';

/** A buurt's buurtpot settings (staff): the support rule and who answers feasibility checks. */

export const updateBuurtpotSettingsSchema = z.object({
	buurtId: z.uuid('proposals.not_found'),
	supportHouseholds: z.coerce.number({ error: 'proposals.settings_number' }).int('proposals.settings_number').min(1, 'proposals.settings_number').max(500, 'proposals.settings_number'),
	supportDays: z.coerce.number({ error: 'proposals.settings_number' }).int('proposals.settings_number').min(1, 'proposals.settings_number').max(365, 'proposals.settings_number'),
	associationChecks: z.boolean().default(false),
	/** Give the calendar feed a new secret (the old URL stops working). */
	rotateFeedToken: z.boolean().default(false)
});

/**
 * Staff set how many households must support a proposal and within how many days (for proposals
 * made from now on), and whether the tenants' association may answer feasibility checks.
 * Errors: validation.invalid (supportHouseholds, supportDays → proposals.settings_number),
 * proposals.not_found, proposals.forbidden.
 */
export async function updateBuurtpotSettings(ctx: Ctx, actor: Actor, input: unknown): Promise<{ buurtId: string; supportHouseholds: number; supportDays: number; associationChecks: boolean }> {
	const v = parseInput(updateBuurtpotSettingsSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtFacts(tx, v.buurtId);
		if (!buurt || !canViewBuurtProposals(actor, { buurt_id: buurt.id, corporation_id: buurt.corporation_id })) throw new DomainError('proposals.not_found');
		if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('proposals.forbidden');
		await ensureSettingsRow(tx, v.buurtId, { lock: true });
		await saveBuurtpotSettings(tx, v.buurtId, v, { at, actorId: actor.accountId }, { rotateFeedToken: v.rotateFeedToken });
		return { buurtId: v.buurtId, supportHouseholds: v.supportHouseholds, supportDays: v.supportDays, associationChecks: v.associationChecks };
	});
}

/**
 * Writes a buurt's buurtpot settings and their audit row in the caller's transaction (the row
 * exists and is locked: ensureSettingsRow). Used by updateBuurtpotSettings and updateBuurtSettings.
 */
export async function saveBuurtpotSettings(
	tx: Queryable,
	buurtId: string,
	s: { supportHouseholds: number; supportDays: number; associationChecks: boolean },
	change: { actorId: string; at: Date },
	{ rotateFeedToken = false }: { rotateFeedToken?: boolean } = {}
): Promise<void> {
	await tx.query(
		`UPDATE buurtpot_settings SET support_households = $2, support_days = $3, association_checks = $4, updated_at = $5, updated_by = $6
			${rotateFeedToken ? `, feed_token = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')` : ''}
		 WHERE buurt_id = $1`,
		[buurtId, s.supportHouseholds, s.supportDays, s.associationChecks, change.at, change.actorId]
	);
	await recordAudit(tx, {
		at: change.at,
		actorId: change.actorId,
		action: 'buurtpot.settings_changed',
		subject: `buurt:${buurtId}`,
		details: { supportHouseholds: s.supportHouseholds, supportDays: s.supportDays, associationChecks: s.associationChecks, rotatedFeedToken: rotateFeedToken }
	});
}
