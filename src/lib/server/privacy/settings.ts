import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { idOf } from '../shared/text';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { canReadRegister } from './policy';
import type { RetentionKind } from './model';
import { DEFAULT_MOVE_OUT_GRACE_DAYS } from './move-out';

type StaffActor = { accountId: string; staff: readonly { role: string; corporationId: string }[] };

export interface PrivacySettings {
	moveOutGraceDays: number;
	/** Per retention kind the days in force and whether the corporation set them here. */
	periods: Record<string, { days: number; custom: boolean }>;
}

export async function getPrivacySettings(q: Queryable, corporationId: string, kinds: readonly RetentionKind[]): Promise<PrivacySettings> {
	const [s] = await q.query<{ move_out_grace_days: number }>('SELECT move_out_grace_days FROM privacy_settings WHERE corporation_id = $1', [corporationId]);
	const set = await q.query<{ kind: string; days: number }>('SELECT kind, days FROM privacy_retention_periods WHERE corporation_id = $1', [corporationId]);
	const byKind = new Map(set.map((r) => [r.kind, r.days]));
	const periods: PrivacySettings['periods'] = {};
	for (const k of kinds) {
		if (k.periodOf) periods[k.kind] = { days: (await k.periodOf(q, corporationId)).days, custom: false };
		else periods[k.kind] = { days: byKind.get(k.kind) ?? k.defaultDays, custom: byKind.has(k.kind) };
	}
	return { moveOutGraceDays: s?.move_out_grace_days ?? DEFAULT_MOVE_OUT_GRACE_DAYS, periods };
}

const days = z.coerce.number('validation.type').int('validation.type').min(0, 'validation.too_small').max(3650, 'validation.too_big');

/**
 * Admins of a corporation set the move-out grace (0–365 days) and the days each retention kind
 * is kept (0–3650; kinds set elsewhere, such as reports, are not changed here). Audited.
 * Errors: privacy.forbidden, validation.invalid (next to the field: `period.<kind>`).
 */
export async function savePrivacySettings(ctx: Ctx, actor: StaffActor, kinds: readonly RetentionKind[], input: unknown): Promise<PrivacySettings> {
	const own = kinds.filter((k) => !k.periodOf);
	const schema = z.object({
		corporationId: idOf('privacy.not_found'),
		moveOutGraceDays: days.max(365, 'validation.too_big'),
		period: z.object(Object.fromEntries(own.map((k) => [k.kind, days])))
	});
	const target = z.object({ corporationId: idOf('privacy.not_found') }).parse(input && typeof input === 'object' ? input : {});
	if (!actor.staff.some((s) => s.corporationId === target.corporationId)) throw new DomainError('privacy.not_found');
	if (!canReadRegister(actor, target.corporationId)) throw new DomainError('privacy.forbidden');
	const v = parseInput(schema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await tx.query(
			`INSERT INTO privacy_settings (corporation_id, move_out_grace_days, updated_at, updated_by) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (corporation_id) DO UPDATE SET move_out_grace_days = EXCLUDED.move_out_grace_days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
			[v.corporationId, v.moveOutGraceDays, at, actor.accountId]
		);
		for (const k of own) {
			await tx.query(
				`INSERT INTO privacy_retention_periods (corporation_id, kind, days, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
				 ON CONFLICT (corporation_id, kind) DO UPDATE SET days = EXCLUDED.days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
				[v.corporationId, k.kind, v.period[k.kind], at, actor.accountId]
			);
		}
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'privacy.settings_saved', subject: `corporation:${v.corporationId}`, details: { moveOutGraceDays: v.moveOutGraceDays, periods: v.period } });
		return getPrivacySettings(tx, v.corporationId, kinds);
	});
}
