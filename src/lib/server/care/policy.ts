import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import { effectiveState, isoDay, type CareRequestRow, type CareState } from './model';

/**
 * Who may do what with a care request — pure functions of a CareViewer (the actor plus the two
 * facts only this module knows: where they are a vetted helper, which care organisations they
 * coordinate) and the request. Pages receive them so that a button nobody may use is not shown.
 *
 * - The **care provider** of a request is the partner employee of the care organisation who
 *   created it, and the organisation's coordinators; someone who left the organisation is no
 *   longer its provider.
 * - A **vetted helper** of a buurt is a member of it with a running check (not ended, valid
 *   today). They see the buurt's open requests; the one whose offer was accepted sees the request
 *   while it runs, and afterwards only that it ended.
 * - Everyone else — other members, other partners, the corporation's staff — sees nothing: not
 *   the request, not a count (404, as for something that does not exist).
 */
export interface CareViewer {
	actor: Actor;
	/** Buurten where the actor is a vetted helper today (and still a member). */
	vettedBuurtIds: string[];
	/** Care organisations the actor coordinates (and still works for). */
	coordinatorOf: string[];
	today: Date;
}

/** Loads the viewer's care facts in one query. */
export async function loadCareViewer(q: Queryable, actor: Actor, today: Date): Promise<CareViewer> {
	const [row] = await q.query<{ vetted: string[]; coordinator_of: string[] }>(
		`SELECT ARRAY(SELECT h.buurt_id FROM care_helpers h WHERE h.account_id = $1 AND h.ended_at IS NULL AND h.valid_until >= $2::date) AS vetted,
		        ARRAY(SELECT k.organisation_id FROM care_coordinators k WHERE k.account_id = $1) AS coordinator_of`,
		[actor.accountId, isoDay(today)]
	);
	return {
		actor,
		vettedBuurtIds: row.vetted.filter((b) => actor.memberBuurtIds.includes(b)),
		coordinatorOf: row.coordinator_of.filter((o) => isCareStaffOf(actor, o)),
		today
	};
}

export const careOrganisationsOf = (actor: Actor) => actor.partners.filter((p) => p.kind === 'care');
export const isCareStaffOf = (actor: Actor, organisationId: string) => actor.partners.some((p) => p.kind === 'care' && p.organisationId === organisationId);
export const isCoordinatorOf = (v: CareViewer, organisationId: string) => v.coordinatorOf.includes(organisationId);
export const isVettedIn = (v: CareViewer, buurtId: string) => v.vettedBuurtIds.includes(buurtId);
/** Whether the care area is the actor's at all: care partner staff or a vetted helper somewhere. */
export const hasCareArea = (v: CareViewer) => careOrganisationsOf(v.actor).length > 0 || v.vettedBuurtIds.length > 0;

type Facts = Pick<CareRequestRow, 'organisation_id' | 'buurt_id' | 'created_by' | 'helper_id' | 'state' | 'consent_expires_on'>;

export function isProviderOf(v: CareViewer, r: Facts): boolean {
	if (!isCareStaffOf(v.actor, r.organisation_id)) return false;
	return r.created_by === v.actor.accountId || isCoordinatorOf(v, r.organisation_id);
}

/**
 * What a helper sees of a request: 'open' (its need, place and availability, to offer help),
 * 'matched' (theirs: the same plus the thread and sessions), 'ended' (only that it ended, no
 * reason), or null (nothing at all). `offered`: the viewer has an offer on it.
 */
export function helperView(v: CareViewer, r: Facts, offered: boolean): 'open' | 'matched' | 'ended' | null {
	const state: CareState = effectiveState(r, v.today);
	if (r.helper_id === v.actor.accountId) return state === 'matched' ? 'matched' : 'ended';
	if (state === 'open' && isVettedIn(v, r.buurt_id) && r.created_by !== v.actor.accountId) return 'open';
	return offered ? 'ended' : null;
}

export const canSeeCareRequest = (v: CareViewer, r: Facts, offered: boolean) => isProviderOf(v, r) || helperView(v, r, offered) !== null;

export const canOffer = (v: CareViewer, r: Facts, offered: boolean) => !offered && !isProviderOf(v, r) && helperView(v, r, offered) === 'open';
export const canAcceptOffer = (v: CareViewer, r: Facts) => isProviderOf(v, r) && effectiveState(r, v.today) === 'open';
/** The thread is between the accepted helper and the care provider, while the request runs. */
export const canPostCareMessage = (v: CareViewer, r: Facts) =>
	effectiveState(r, v.today) === 'matched' && (r.helper_id === v.actor.accountId || isProviderOf(v, r));
export const canReadCareThread = (v: CareViewer, r: Facts) => r.helper_id === v.actor.accountId ? effectiveState(r, v.today) === 'matched' : isProviderOf(v, r) && r.helper_id !== null;
export const canLogSession = (v: CareViewer, r: Facts) => isProviderOf(v, r) && effectiveState(r, v.today) === 'matched';
export const canWithdraw = (v: CareViewer, r: Facts) => isProviderOf(v, r) && effectiveState(r, v.today) !== 'closed';
/** The audit log of a request's reads: the care organisation's coordinators. */
export const canReadCareLog = (v: CareViewer, r: Pick<Facts, 'organisation_id'>) => isCareStaffOf(v.actor, r.organisation_id) && isCoordinatorOf(v, r.organisation_id);
/** A care provider asks in a buurt their care organisation serves (staff linked it). */
export const canCreateIn = (actor: Actor, organisationId: string, buurtId: string) =>
	actor.partners.some((p) => p.kind === 'care' && p.organisationId === organisationId && p.buurtIds.includes(buurtId));
