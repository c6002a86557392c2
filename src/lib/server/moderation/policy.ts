import { isStaffOf, type Actor } from '../people';
import type { ActorRole, ModerationTarget } from './model';

/**
 * Who may do what in moderation: pure functions over the actor and the facts, used by the use
 * cases and handed to pages (a button someone may not use is not shown).
 */

export interface ItemFacts {
	buurt_id: string;
	corporation_id: string;
	author_id: string;
	is_public: boolean;
}

/** Ambassadors of a buurt review its public content; nobody reviews their own. */
export const isAmbassadorOf = (actor: Actor, buurtId: string) => actor.ambassadorBuurtIds.includes(buurtId);

/**
 * Anyone who may see the content reports it, except its author and staff of its corporation
 * (they review it straight away instead of counting as a household).
 */
export const canReport = (actor: Actor, t: Pick<ModerationTarget, 'authorId' | 'corporationId'>) => actor.accountId !== t.authorId && !isStaffOf(actor, t.corporationId);

/**
 * Staff of the corporation review everything reported in it; an ambassador reviews the public
 * content of their own buurt (never a private conversation, never their own words).
 */
export function canReview(actor: Actor, item: ItemFacts): boolean {
	if (isStaffOf(actor, item.corporation_id)) return true;
	return item.is_public && isAmbassadorOf(actor, item.buurt_id) && actor.accountId !== item.author_id;
}

/** The role a reviewer acts in (the author reads the role, never the neighbour's name). */
export const reviewerRole = (actor: Actor, corporationId: string): ActorRole => (isStaffOf(actor, corporationId) ? 'staff' : 'ambassador');

/** Only staff warn a member or suspend them from posting, in their own corporation. */
export const canSanction = (actor: Actor, corporationId: string) => isStaffOf(actor, corporationId);

/** Staff edit the house rules and the per-buurt setting of their corporation. */
export const canManageRules = (actor: Actor, corporationId: string) => isStaffOf(actor, corporationId);

/** Whether the actor has a review queue at all (menu, home). */
export const hasReviewQueue = (actor: Actor) => actor.staff.length > 0 || actor.ambassadorBuurtIds.length > 0;
