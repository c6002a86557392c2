import { isAssociationIn, isMemberOf, isStaffOf, staffCorporationIds, type Actor } from '../people';
import { DomainError } from '../shared/errors';

/**
 * Who may do what in the listening part of Stem van de buurt: pure functions over the actor and
 * the facts, used by the use cases and handed to pages.
 *
 * - Conversations, quotes, themes and personas are the corporation's working material: staff of
 *   the corporation only (any staff role). Residents' words reach others only as anonymous quotes
 *   on a persona, which staff read.
 * - An advice request is between the corporation and the one tenants' association it is sent
 *   to: staff of the corporation and the association's board members (partner staff of that
 *   organisation) see it; nobody else, not even another association of the same corporation.
 * - The reply is published to members of the area only when the association agreed.
 */

export interface AdviceFacts {
	corporation_id: string;
	organisation_id: string;
	answered_at: Date | null;
	replied_at: Date | null;
	closed_at: Date | null;
}

/** The corporation a staff member works in (the first, as staff pages do); else 403. */
export function listeningCorporation(actor: Actor): string {
	const id = staffCorporationIds(actor)[0];
	if (!id) throw new DomainError('listen.forbidden');
	return id;
}

export const listensFor = (actor: Actor, corporationId: string) => isStaffOf(actor, corporationId);

/** Board member of this tenants' association. */
export const isBoardOf = (actor: Actor, organisationId: string) => actor.partners.some((p) => p.organisationId === organisationId && p.kind === 'tenants_association');

/** The tenants' associations the actor sits on the board of. */
export const boardOrganisationIds = (actor: Actor) => actor.partners.filter((p) => p.kind === 'tenants_association').map((p) => p.organisationId);

export const seesAdvice = (actor: Actor, r: Pick<AdviceFacts, 'corporation_id' | 'organisation_id'>) => isStaffOf(actor, r.corporation_id) || isBoardOf(actor, r.organisation_id);

/** The association answers once, as long as the request is not closed (a late answer is still taken). */
export const canAnswer = (actor: Actor, r: AdviceFacts) => isBoardOf(actor, r.organisation_id) && !r.answered_at && !r.closed_at;

/** The corporation replies once to an answer, with its reasons. */
export const canReply = (actor: Actor, r: AdviceFacts) => isStaffOf(actor, r.corporation_id) && !!r.answered_at && !r.replied_at;

/** Closed only after the reply: never without one. */
export const canClose = (actor: Actor, r: AdviceFacts) => isStaffOf(actor, r.corporation_id) && !!r.replied_at && !r.closed_at;

/** The association decides whether the reply is shown to the members of the area. */
export const canSetPublication = (actor: Actor, r: AdviceFacts) => isBoardOf(actor, r.organisation_id) && !!r.answered_at;

/** The replies published for a buurt are read by its members, staff of its corporation and its tenants' association. */
export const readsPublishedAdvice = (actor: Actor, b: { id: string; corporation_id: string }) =>
	isMemberOf(actor, b.id) || isStaffOf(actor, b.corporation_id) || isAssociationIn(actor, b.id);
