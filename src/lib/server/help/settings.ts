import type { Queryable } from '../db/client';
import { recordAudit } from '../audit';
import type { RewardedCategory } from './model';

/** Per-buurt Superbuurt settings; no row means these defaults. */
export interface HelpSettings {
	termMonths: number;
	maxSupervisors: number;
	autoConfirmDays: number;
	waitingDays: number;
}

export const defaultHelpSettings: HelpSettings = { termMonths: 3, maxSupervisors: 2, autoConfirmDays: 7, waitingDays: 5 };

export async function getHelpSettings(q: Queryable, buurtId: string): Promise<HelpSettings> {
	const [row] = await q.query<{ term_months: number; max_supervisors: number; auto_confirm_days: number; waiting_days: number }>(
		'SELECT term_months, max_supervisors, auto_confirm_days, waiting_days FROM help_settings WHERE buurt_id = $1',
		[buurtId]
	);
	return row
		? { termMonths: row.term_months, maxSupervisors: row.max_supervisors, autoConfirmDays: row.auto_confirm_days, waitingDays: row.waiting_days }
		: { ...defaultHelpSettings };
}

/** Who changes a setting, and when: for updated_by/updated_at and the audit row. */
export interface SettingsChange {
	actorId: string;
	at: Date;
}

/**
 * Writes the buurt's Superbuurt settings and their audit row, in the caller's transaction. The
 * values must be validated already (updateHelpSettingsSchema); the caller checks the policy.
 */
export async function saveHelpSettings(tx: Queryable, buurtId: string, s: HelpSettings, change: SettingsChange): Promise<HelpSettings> {
	await tx.query(
		`INSERT INTO help_settings (buurt_id, term_months, max_supervisors, auto_confirm_days, waiting_days, updated_at, updated_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7)
		 ON CONFLICT (buurt_id) DO UPDATE SET term_months = $2, max_supervisors = $3, auto_confirm_days = $4, waiting_days = $5, updated_at = $6, updated_by = $7`,
		[buurtId, s.termMonths, s.maxSupervisors, s.autoConfirmDays, s.waitingDays, change.at, change.actorId]
	);
	const settings = { termMonths: s.termMonths, maxSupervisors: s.maxSupervisors, autoConfirmDays: s.autoConfirmDays, waitingDays: s.waitingDays };
	await recordAudit(tx, { at: change.at, actorId: change.actorId, action: 'help.settings_changed', subject: `buurt:${buurtId}`, details: { ...settings } });
	return settings;
}

/**
 * Writes what a confirmed request of one category earns (per role, in cents) and its audit row,
 * in the caller's transaction — the same row and audit as updateRewardScheme (rewards.ts). The
 * amounts must be validated already (updateRewardSchemeSchema); the caller checks the policy.
 */
export async function saveRewardAmounts(
	tx: Queryable,
	buurtId: string,
	category: RewardedCategory,
	a: { askerCents: number; supervisorCents: number; helperCents: number },
	change: SettingsChange
): Promise<void> {
	await tx.query(
		`INSERT INTO help_reward_schemes (buurt_id, category, asker_cents, supervisor_cents, helper_cents, updated_at, updated_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $7)
		 ON CONFLICT (buurt_id, category) DO UPDATE SET asker_cents = $3, supervisor_cents = $4, helper_cents = $5, updated_at = $6, updated_by = $7`,
		[buurtId, category, a.askerCents, a.supervisorCents, a.helperCents, change.at, change.actorId]
	);
	await recordAudit(tx, {
		at: change.at,
		actorId: change.actorId,
		action: 'pot.reward_scheme_set',
		subject: `buurt:${buurtId}`,
		details: { category, askerCents: a.askerCents, supervisorCents: a.supervisorCents, helperCents: a.helperCents }
	});
}
