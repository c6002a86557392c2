/** Concern signals: vocabulary, constants and row shapes (no rules). */

export const concernCategories = ['not_seen', 'neglected', 'children', 'other'] as const;
export type ConcernCategory = (typeof concernCategories)[number];

export const concernOutcomes = ['no_action', 'contact_made', 'case_opened', 'referred'] as const;
export type ConcernOutcome = (typeof concernOutcomes)[number];

export const referralTargets = ['wijkteam', 'care'] as const;
export type ReferralTarget = (typeof referralTargets)[number];

/** How the reporter knows the household: as a neighbour of the complex, a supplier's worker, or staff. */
export type ReporterRole = 'member' | 'supplier' | 'staff';

/** A concern without a case is deleted this many days after it was raised, unless the corporation sets otherwise. */
export const DEFAULT_RETENTION_DAYS = 90;
/** A case keeps more than its outcome this many days after it was opened. */
export const DEFAULT_CASE_RETENTION_DAYS = 365;

/** The abuse guard: this many concerns by one reporter about one household within the window flags it. */
export const ABUSE_THRESHOLD = 3;
export const ABUSE_WINDOW_DAYS = 30;

/** A supplier's worker may name the homes of work orders of the last this many days. */
export const WORK_ORDER_DAYS = 90;

export const BODY_MAX = 500;

export interface ConcernRow {
	id: string;
	corporation_id: string;
	unit_id: string | null;
	reporter_id: string | null;
	reporter_role: ReporterRole;
	category: ConcernCategory | null;
	body: string | null;
	may_contact: boolean;
	flagged: boolean;
	created_at: Date;
	triaged_at: Date | null;
	triaged_by: string | null;
	outcome: ConcernOutcome | null;
	outcome_at: Date | null;
	triage_note: string | null;
	reduced_at: Date | null;
}

/** Whole days between two moments (the age shown on the social team's home). */
export const ageInDays = (since: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
