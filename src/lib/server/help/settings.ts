import type { Queryable } from '../db/client';

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
