import { z } from 'zod';
import { isMemberOf, isStaffOf, type Actor } from '../people/actor';

/**
 * Buurtpot proposals: vocabulary, the status machine, row shapes and the pure policies that
 * use cases apply and pages receive (so a button someone may not use is not shown).
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
export const proposalStatuses = [
	'support',
	'feasibility',
	'needs_changes',
	'accepted',
	'declined',
	'withdrawn',
	'expired',
	'in_vote',
	'won',
	'lost',
	'in_progress',
	'done'
] as const;
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
export const reasonSchema = z.string({ error: 'proposals.reason_required' }).trim().min(3, 'proposals.reason_required').max(2000, 'validation.too_long');

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

/** Only the first name is ever shown to neighbours. */
export const firstName = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';

// ---------------------------------------------------------------------------------------------
// Policies (pure)

type BuurtFacts = { buurt_id: string; corporation_id: string };

/** Partner staff of the corporation's tenants' association. */
export const isAssociationOf = (actor: Actor, corporationId: string) =>
	actor.partners.some((p) => p.kind === 'tenants_association' && p.corporationId === corporationId);

/**
 * Who sees a buurt's proposals (anyone else gets a 404, as if they did not exist): its members,
 * staff of its corporation and the corporation's tenants' association.
 */
export const canViewBuurtProposals = (actor: Actor, b: BuurtFacts) =>
	isMemberOf(actor, b.buurt_id) || isStaffOf(actor, b.corporation_id) || isAssociationOf(actor, b.corporation_id);

/** Members of the buurt propose, support and comment. */
export const canPropose = (actor: Actor, buurtId: string) => isMemberOf(actor, buurtId);

/** Staff of the corporation check feasibility; the tenants' association too where the buurt's settings say so. */
export const canCheckFeasibility = (actor: Actor, p: BuurtFacts, associationChecks: boolean) =>
	isStaffOf(actor, p.corporation_id) || (associationChecks && isAssociationOf(actor, p.corporation_id));

export type ProposalFacts = Pick<ProposalRow, 'buurt_id' | 'corporation_id' | 'author_id' | 'status' | 'created_at' | 'support_count' | 'support_deadline'>;

export const isAuthor = (actor: Actor, p: Pick<ProposalRow, 'author_id'>) => actor.accountId === p.author_id;

/**
 * The author edits the text within 24 hours of proposing and before any other household has
 * supported it (the author's own household counts as the first support), and again when the
 * feasibility check asked for changes (then the proposal goes back to the check).
 */
export function canEdit(actor: Actor, p: ProposalFacts, now: Date): boolean {
	if (!isAuthor(actor, p) || !isMemberOf(actor, p.buurt_id)) return false;
	if (p.status === 'needs_changes') return true;
	return p.status === 'support' && p.support_count <= 1 && now.getTime() < new Date(p.created_at).getTime() + EDIT_WINDOW_MS;
}

export const canWithdraw = (actor: Actor, p: ProposalFacts) => isAuthor(actor, p) && withdrawableStatuses.includes(p.status);

/** A support phase whose deadline passed is over, even before the job marks it 'expired'. */
export const supportOpen = (p: Pick<ProposalRow, 'status' | 'support_deadline'>, now: Date) =>
	p.status === 'support' && now.getTime() < new Date(p.support_deadline).getTime();

/** The status people see: a support phase past its deadline shows as expired at once. */
export const effectiveStatus = (p: Pick<ProposalRow, 'status' | 'support_deadline'>, now: Date): ProposalStatus =>
	p.status === 'support' && !supportOpen(p, now) ? 'expired' : p.status;

export const canComment = (actor: Actor, p: BuurtFacts) => isMemberOf(actor, p.buurt_id) || isStaffOf(actor, p.corporation_id);

/** Staff of the corporation pay out (the corporation holds the buurtpot's bank account). */
export const canPay = (actor: Actor, p: ProposalFacts) => isStaffOf(actor, p.corporation_id) && (p.status === 'won' || p.status === 'in_progress');

/** The author and staff follow a funded proposal up: updates, shifts, activities, the report. */
export const canFollowUp = (actor: Actor, p: ProposalFacts) =>
	(isStaffOf(actor, p.corporation_id) || (isAuthor(actor, p) && isMemberOf(actor, p.buurt_id))) && (p.status === 'won' || p.status === 'in_progress');

/** Members of the buurt sign up for shifts and activities. */
export const canSignUp = (actor: Actor, buurtId: string) => isMemberOf(actor, buurtId);
