import { z } from 'zod';
import { plainText } from '../shared/text';
import type { proposalStatuses } from '$lib/vocabulary/proposals';

/**
 * Buurtpot proposals: vocabulary, the status machine, and row shapes. The pure policies are in
 * policy.ts.
 *
 * Lifecycle (statuses as stored in buurtpot_proposals.status):
 *
 *   support ──N households in time──▶ feasibility ──accept──▶ accepted ──(rounds)──▶ in_vote ──▶ won ──pay──▶ in_progress ──report──▶ done
 *      │                                  │  ▲                                            │          └──▶ lost       (won ──report──▶ done)
 *      │ deadline passed                  │  └─resubmit── needs_changes ◀─needs_changes─┘│ round cancelled: in_vote ──▶ accepted
 *      ▼                                  └──decline──▶ declined
 *   expired                withdraw (author): support | feasibility | needs_changes | accepted ──▶ withdrawn
 *
 * The voting part (rounds*.ts) moves accepted → in_vote → won | lost (or back to accepted) only
 * through markProposalsForRound().
 */
export { proposalStatuses } from '$lib/vocabulary/proposals';
export type ProposalStatus = (typeof proposalStatuses)[number];

/** Until the vote the author may withdraw. */
export const withdrawableStatuses: readonly ProposalStatus[] = ['support', 'feasibility', 'needs_changes', 'accepted'];
/** Funded: paid out and followed up. */
export const fundedStatuses: readonly ProposalStatus[] = ['won', 'in_progress', 'done'];
/** Still going somewhere: shown as "similar" before someone proposes the same thing. */
export const liveStatuses: readonly ProposalStatus[] = ['support', 'feasibility', 'needs_changes', 'accepted', 'in_vote', 'won', 'in_progress'];

export const feasibilityOutcomes = ['accept', 'needs_changes', 'decline'] as const;
export type FeasibilityOutcome = (typeof feasibilityOutcomes)[number];

/** The author may edit the text this long after proposing, and only before another household supports. */
export const EDIT_WINDOW_MS = 24 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;
/** €1,000,000 in cents: a typo guard for a neighbourhood budget. */
export const MAX_COST_CENTS = 100_000_000;
export const MAX_PHOTOS = 3;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_COST_LINES = 10;

export const defaultBuurtpotSettings = { supportHouseholds: 5, supportDays: 30, associationChecks: false };

/** Money as typed may be a number or euros in a string; the use cases want whole cents. */
export const centsSchema = (prefix: 'cost' | 'amount') =>
	z
		.number({ error: `proposals.${prefix}_invalid` })
		.int(`proposals.${prefix}_whole_cents`)
		.positive(`proposals.${prefix}_positive`)
		.max(MAX_COST_CENTS, `proposals.${prefix}_too_big`);

export const proposalIdSchema = z.uuid('proposals.not_found');
export const reasonSchema = plainText({ error: 'proposals.reason_required' }).trim().min(3, 'proposals.reason_required').max(2000, 'validation.too_long');

/** A buurtpot_proposals row joined with its buurt, as the module reads it. */
export interface ProposalRow {
	id: string;
	buurt_id: string;
	buurt_name: string;
	corporation_id: string;
	author_id: string;
	author_name: string;
	title: string;
	description: string;
	cost_cents: number;
	requested_cost_cents: number | null;
	cost_lines: { label: string; cents: number }[];
	place: string;
	volunteers: string;
	status: ProposalStatus;
	support_needed: number;
	support_deadline: Date;
	support_count: number;
	decision: FeasibilityOutcome | null;
	decision_reason: string | null;
	decided_by: string | null;
	decided_at: Date | null;
	report: string | null;
	created_at: Date;
	updated_at: Date;
	edited_at: Date | null;
	withdrawn_at: Date | null;
	done_at: Date | null;
	version: number;
}

export const proposalColumns = `p.id, p.buurt_id, b.name AS buurt_name, b.corporation_id, p.author_id, a.name AS author_name,
	p.title, p.description, p.cost_cents, p.requested_cost_cents, p.cost_lines, p.place, p.volunteers, p.status,
	p.support_needed, p.support_deadline, p.support_count, p.decision, p.decision_reason, p.decided_by, p.decided_at,
	p.report, p.created_at, p.updated_at, p.edited_at, p.withdrawn_at, p.done_at, p.version`;
export const proposalFrom = `FROM buurtpot_proposals p JOIN buurten b ON b.id = p.buurt_id JOIN accounts a ON a.id = p.author_id`;

export { firstName } from '../people';
