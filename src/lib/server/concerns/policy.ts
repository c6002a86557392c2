import { isAdminOf, isStaffOf, type Actor } from '../people';

/**
 * Who may do what with concerns, as pure functions. A concern is for the corporation's social
 * team only: not for the buurt, its supervisors, other members, partners, or staff without the
 * role — being an admin does not make one a reader either.
 */
export const isSocialTeamOf = (actor: Actor, corporationId: string) => isStaffOf(actor, corporationId, ['social_team']);

/** The corporations whose concerns the actor reads (the social team's). */
export const socialTeamCorporationIds = (actor: Actor) => [...new Set(actor.staff.filter((s) => s.role === 'social_team').map((s) => s.corporationId))];

/** Members, a supplier's workers and staff raise concerns; nobody else has a home to name. */
export const mayRaiseConcerns = (actor: Actor) =>
	actor.memberships.length > 0 || actor.staff.length > 0 || actor.partners.some((p) => p.kind === 'supplier');

/** Admins of the corporation choose the social team and the retention periods. */
export const mayConfigureConcerns = (actor: Actor, corporationId: string) => isAdminOf(actor, corporationId);
