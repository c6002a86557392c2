import { isAssociationIn, isMemberOf, isStaffOf, seesBuurt, type Actor } from '../people';
import { EDIT_WINDOW_MS, withdrawableStatuses, type ProposalRow, type ProposalStatus } from './model';

/**
 * Who may do what with a proposal: pure functions over the actor and the proposal's facts, used
 * by the use cases and handed to pages (so a button someone may not use is not shown).
 */

type BuurtFacts = { buurt_id: string; corporation_id: string };

/**
 * Who sees a buurt's proposals (anyone else gets a 404, as if they did not exist): its members,
 * staff of its corporation and the tenants' association linked to the buurt (people `seesBuurt`,
 * the buurtpot part).
 */
export const canViewBuurtProposals = (actor: Actor, b: BuurtFacts) => seesBuurt(actor, { id: b.buurt_id, corporation_id: b.corporation_id }, 'buurtpot');

/** Members of the buurt propose, support and comment. */
export const canPropose = (actor: Actor, buurtId: string) => isMemberOf(actor, buurtId);

/** Staff of the corporation check feasibility; the tenants' association linked to the buurt too where the buurt's settings say so. */
export const canCheckFeasibility = (actor: Actor, p: BuurtFacts, associationChecks: boolean) =>
	isStaffOf(actor, p.corporation_id) || (associationChecks && isAssociationIn(actor, p.buurt_id));

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
