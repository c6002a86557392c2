import { isMemberOf, isStaffOf, type Actor } from '../people';
import { decide, personActions, type HelpAction, type HelpRole, type Standing } from './state-machine';
import { publicStates, threadStates, type HelpRequestRow } from './model';

/**
 * Policies: pure functions of the actor and the request, used by the use cases and handed to
 * pages so that a button the person may not use is not shown.
 */
export type RequestFacts = Pick<
	HelpRequestRow,
	'buurt_id' | 'corporation_id' | 'state' | 'asker_id' | 'proxy_id' | 'checker_id' | 'helper_id' | 'category'
> &
	Partial<Pick<HelpRequestRow, 'source'>>;

const isAskerOf = (actor: Actor, r: RequestFacts) => actor.accountId === r.asker_id || actor.accountId === r.proxy_id;
export const isSupervisorOf = (actor: Actor, buurtId: string) => actor.supervisorBuurtIds.includes(buurtId);

/** The actor's roles relative to one request (never 'system': jobs pass that themselves). */
export function standingOf(actor: Actor, r: RequestFacts): Standing {
	const roles = new Set<HelpRole>();
	const asker = isAskerOf(actor, r);
	if (asker) roles.add('asker');
	if (isSupervisorOf(actor, r.buurt_id)) roles.add('supervisor');
	if (isStaffOf(actor, r.corporation_id)) roles.add('staff');
	if (r.helper_id !== null && actor.accountId === r.helper_id) roles.add('helper');
	if (isMemberOf(actor, r.buurt_id)) roles.add('member');
	return { roles, isAsker: asker, isChecker: r.checker_id !== null && r.checker_id === actor.accountId };
}

export const systemStanding: Standing = { roles: new Set<HelpRole>(['system']), isAsker: false, isChecker: false };

/**
 * Who may see a request at all (anyone else gets a 404, as if it did not exist): the asker, the
 * helper, supervisors and staff of the buurt, and members of the buurt once it is public.
 */
export function canViewRequest(actor: Actor, r: RequestFacts): boolean {
	if (isAskerOf(actor, r) || actor.accountId === r.helper_id) return true;
	// A care-bridge session: its helper and the care provider only (module care decides who else knows of it).
	if (r.source === 'care') return false;
	if (isSupervisorOf(actor, r.buurt_id) || isStaffOf(actor, r.corporation_id)) return true;
	return isMemberOf(actor, r.buurt_id) && publicStates.includes(r.state);
}

/**
 * The free text (title, description, place note, the neighbour's name) of a zorg request is for
 * the asker, the buurt's supervisors (approved terms only) and the helper who took it. Staff see
 * it only while it is theirs to check (no supervisor) or to mediate, and only after they recorded
 * a reason (readZorgDetails: audited, and the asker sees it). Everyone else sees the category and
 * its short label. Other categories' text is visible to whoever may see the request.
 */
export function canSeeFreeText(actor: Actor, r: RequestFacts, buurtHasSupervisor: boolean, readWithReason = false): boolean {
	if (r.category !== 'zorg') return canViewRequest(actor, r);
	if (isAskerOf(actor, r) || actor.accountId === r.helper_id) return true;
	if (r.source === 'care') return false;
	if (isSupervisorOf(actor, r.buurt_id)) return true;
	return readWithReason && mayReadZorgWithReason(actor, r, buurtHasSupervisor);
}

/** Staff whose turn it is (no supervisor, or a dispute or redirect) may ask to read a zorg request's text, giving a reason. */
export function mayReadZorgWithReason(actor: Actor, r: RequestFacts, buurtHasSupervisor: boolean): boolean {
	if (r.category !== 'zorg' || !isStaffOf(actor, r.corporation_id)) return false;
	if (isAskerOf(actor, r) || actor.accountId === r.helper_id || isSupervisorOf(actor, r.buurt_id)) return false;
	return !buurtHasSupervisor || ['disputed', 'redirected'].includes(r.state);
}

/** Reasons and history are for the people involved, not for every neighbour. */
export function canSeeHistory(actor: Actor, r: RequestFacts): boolean {
	if (r.source === 'care') return isAskerOf(actor, r) || actor.accountId === r.helper_id;
	return isAskerOf(actor, r) || actor.accountId === r.helper_id || isSupervisorOf(actor, r.buurt_id) || isStaffOf(actor, r.corporation_id);
}

/** The thread is between asker and helper; staff read it when they mediate a dispute. */
export function canReadThread(actor: Actor, r: RequestFacts): boolean {
	if (!threadStates.includes(r.state)) return false;
	if (isAskerOf(actor, r) || actor.accountId === r.helper_id) return true;
	return r.state === 'disputed' && isStaffOf(actor, r.corporation_id);
}

export function canPostMessage(actor: Actor, r: RequestFacts): boolean {
	// A care session's conversation is the care request's thread (module care), not this one.
	if (r.source === 'care') return false;
	if (!['taken', 'done', 'disputed', 'confirmed'].includes(r.state)) return false;
	return isAskerOf(actor, r) || actor.accountId === r.helper_id;
}

/**
 * The actions this actor can take now; pages show exactly these buttons. 'overige' is never
 * published (it always goes to the corporation), so that choice is not offered either.
 */
export function allowedActions(actor: Actor, r: RequestFacts): HelpAction[] {
	const standing = standingOf(actor, r);
	return personActions.filter((a) => decide(a, r.state, standing).ok && !(a === 'publish' && r.category === 'overige'));
}

/** Any member of the buurt may ask. */
export const canAsk = (actor: Actor, buurtId: string) => isMemberOf(actor, buurtId);

/** Supervisors of the buurt and staff of its corporation ask on behalf of a neighbour without a phone. */
export const canAskOnBehalf = (actor: Actor, buurt: { id: string; corporation_id: string }) =>
	isSupervisorOf(actor, buurt.id) || isStaffOf(actor, buurt.corporation_id);

/** Staff of the corporation manage supervisor terms, settings, reward schemes and top-ups. */
export const canManageBuurt = (actor: Actor, buurt: { corporation_id: string }) => isStaffOf(actor, buurt.corporation_id);

/** Staff of the corporation follow up a request the supervisor redirected to it (assign, answer, close). */
export const canFollowUp = (actor: Actor, r: Pick<RequestFacts, 'state' | 'corporation_id'>) => r.state === 'redirected' && isStaffOf(actor, r.corporation_id);

/**
 * Someone in the thread reports a message of the other side (moderation): the asker's side (asker
 * and proxy) reports the helper's words and the helper the asker side's. A thread is private,
 * so reports go to staff only (moderation's rule: ambassadors never review a help thread).
 */
export function canReportMessage(actor: Actor, r: RequestFacts, authorId: string): boolean {
	if (!threadStates.includes(r.state)) return false;
	const askerSide = (id: string | null) => !!id && (id === r.asker_id || id === r.proxy_id);
	if (isAskerOf(actor, r)) return authorId === r.helper_id && !askerSide(authorId);
	return actor.accountId === r.helper_id && askerSide(authorId);
}
