import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { DEFAULT_CASE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS } from './model';
import { mayConfigureConcerns } from './policy';

export interface ConcernSettings {
	retentionDays: number;
	caseRetentionDays: number;
}

/** A corporation's retention periods (the defaults until an admin sets them). */
export async function getConcernSettings(q: Queryable, corporationId: string): Promise<ConcernSettings> {
	const [s] = await q.query<{ retention_days: number; case_retention_days: number }>('SELECT retention_days, case_retention_days FROM concern_settings WHERE corporation_id = $1', [corporationId]);
	return { retentionDays: s?.retention_days ?? DEFAULT_RETENTION_DAYS, caseRetentionDays: s?.case_retention_days ?? DEFAULT_CASE_RETENTION_DAYS };
}

const days = (min: number, max: number) => z.coerce.number('validation.type').int('validation.type').min(min, 'validation.too_small').max(max, 'validation.too_big');

export const saveConcernSettingsSchema = z.object({
	corporationId: z.uuid('concerns.forbidden'),
	retentionDays: days(7, 365),
	caseRetentionDays: days(30, 3650)
});

/** An admin of the corporation sets both periods; audited. Errors: concerns.forbidden (403), validation.invalid. */
export async function saveConcernSettings(ctx: Ctx, actor: Actor, input: unknown): Promise<ConcernSettings> {
	const v = parseInput(saveConcernSettingsSchema, input);
	if (!mayConfigureConcerns(actor, v.corporationId)) throw new DomainError('concerns.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await tx.query(
			`INSERT INTO concern_settings (corporation_id, retention_days, case_retention_days, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (corporation_id) DO UPDATE SET retention_days = EXCLUDED.retention_days, case_retention_days = EXCLUDED.case_retention_days,
			   updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
			[v.corporationId, v.retentionDays, v.caseRetentionDays, at, actor.accountId]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'concerns.settings_saved', subject: `corporation:${v.corporationId}`, corporationId: v.corporationId, details: { retentionDays: v.retentionDays, caseRetentionDays: v.caseRetentionDays } });
		return { retentionDays: v.retentionDays, caseRetentionDays: v.caseRetentionDays };
	});
}
