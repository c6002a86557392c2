import { isMemberOf, isStaffOf, staffCorporationIds, type Actor } from '../people';
import { decide, transitionActions, type ReportRole, type TransitionAction } from './state-machine';
import type { ReportRow } from './model';

/**
 * Who may see and do what with a report: pure functions of the actor and the report, used by the
 * use cases and queries and handed to pages (a button the person may not use is not shown).
 *
 * - The reporter, staff of the report's corporation and the partner organisation it is routed to
 *   (a supplier's work order, the municipality) see the whole report.
 * - Members of the buurt see a public report: category, state, the public notes, the complex or
 *   address label — never the unit (home address) of the reporter, and the reporter's first name
 *   only unless they chose to hide it.
 * - A private report (burenoverlast always is) is for the reporter and the handler only;
 *   followers (carried over by a merge) see its state and notes, not its text.
 * - Anyone else: 404, as if it did not exist.
 */
export type ReportFacts = Pick<ReportRow, 'corporation_id' | 'buurt_id' | 'visibility' | 'reporter_id' | 'organisation_id' | 'party_kind'>;

export const isReporterOf = (actor: Actor, r: Pick<ReportFacts, 'reporter_id'>) => r.reporter_id !== null && r.reporter_id === actor.accountId;
/** The partner organisation the report is routed to (its work order). */
export const isPartnerOf = (actor: Actor, r: Pick<ReportFacts, 'organisation_id'>) =>
	r.organisation_id !== null && actor.partners.some((p) => p.organisationId === r.organisation_id);

/** The actor's roles relative to one report (never 'system': jobs pass that themselves). */
export function rolesOf(actor: Actor, r: ReportFacts): Set<ReportRole> {
	const roles = new Set<ReportRole>();
	if (isReporterOf(actor, r)) roles.add('reporter');
	if (isStaffOf(actor, r.corporation_id)) roles.add('staff');
	if (isPartnerOf(actor, r)) roles.add('partner');
	return roles;
}

export const systemRoles: ReadonlySet<ReportRole> = new Set<ReportRole>(['system']);

/** Handles it: staff of the corporation, or the partner it is routed to. */
export const isHandlerOf = (actor: Actor, r: ReportFacts) => isStaffOf(actor, r.corporation_id) || isPartnerOf(actor, r);

/** Sees the whole report, its text and answers included. */
export const canSeeDetails = (actor: Actor, r: ReportFacts) => isReporterOf(actor, r) || isHandlerOf(actor, r) || (r.visibility === 'public' && isMemberOf(actor, r.buurt_id));

export function canViewReport(actor: Actor, r: ReportFacts, isFollower = false): boolean {
	return canSeeDetails(actor, r) || isFollower;
}

/** The home address (unit) and the reporter's full name: reporter and handler only. */
export const canSeePrivateLocation = (actor: Actor, r: ReportFacts) => isReporterOf(actor, r) || isHandlerOf(actor, r);

/**
 * The reporter's name as the actor may read it: staff the full name, the partner and the buurt
 * the first name (the buurt not at all when the reporter hid it, nor on a private report).
 */
export function reporterNameFor(actor: Actor, r: ReportFacts & Pick<ReportRow, 'reporter_name' | 'hide_reporter_name'>): string | null {
	if (!r.reporter_name) return null;
	if (isReporterOf(actor, r) || isStaffOf(actor, r.corporation_id)) return r.reporter_name;
	const first = r.reporter_name.trim().split(/\s+/)[0] ?? null;
	if (isPartnerOf(actor, r)) return first;
	return r.visibility === 'public' && !r.hide_reporter_name ? first : null;
}

/** The person-facing actions this actor can take now (POST /reports/{id}/transitions). */
export function allowedActions(actor: Actor, r: ReportFacts & Pick<ReportRow, 'state'>): TransitionAction[] {
	const roles = rolesOf(actor, r);
	return transitionActions.filter((a) => decide(a, r.state, roles).ok);
}

/** Members report in the buurten of their corporation; staff in their corporation's buurten. */
export const canReportIn = (actor: Actor, buurt: { id: string; corporation_id: string }) =>
	isStaffOf(actor, buurt.corporation_id) || actor.memberships.some((m) => m.corporationId === buurt.corporation_id);

/** Staff of the corporation manage categories, questions, routing rules, teams and settings. */
export const canManageReports = (actor: Actor, corporationId: string) => isStaffOf(actor, corporationId);

/** The buurt's performance figures: its members and the corporation's staff. */
export const canReadBuurtFigures = (actor: Actor, buurt: { id: string; corporation_id: string }) => isMemberOf(actor, buurt.id) || isStaffOf(actor, buurt.corporation_id);

/** The corporations the actor is staff of (the API's default corporation). */
export const staffCorporationIdsOf = (actor: Actor) => staffCorporationIds(actor);
