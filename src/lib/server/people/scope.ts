import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { findBuurtRef, type BuurtRef } from '../places';
import { isMemberOf, isStaffOf, type Actor } from './actor';

/**
 * Scope before role (docs/ARCHITECTURE.md, "Who sees what"). Every use case that acts on or
 * reads one buurt's things asks first whether the actor sees that part of the buurt at all:
 * outside it the answer is the module's 404, the same as for something that does not exist —
 * whatever the body says. Only inside it does the role decide (403), and only then is the rest of
 * the body read (shared/validate.ts `parseTarget` reads just the id first).
 *
 * The parts of a buurt, as the table's columns split them:
 * - `buurt`: the buurt itself (its page, its name) — members, staff of its corporation and the
 *   partners staff linked to it;
 * - `buurtpot`: the pot, its reward scheme, proposals, rounds and activities — members, staff,
 *   and the tenants' association linked to it (care, municipality and supplier partners have no
 *   part in the buurtpot);
 * - `help`: Superbuurt requests, supervisors and the buurt's settings — members and staff only;
 * - `board`: the neighbourhood board (news, posts, replies, groups) — members and staff only.
 */
export type BuurtArea = 'buurt' | 'buurtpot' | 'help' | 'board';

/** The facts of a buurt that decide who sees it. */
export interface ScopeBuurt {
	id: string;
	corporation_id: string;
}

/** Whether the actor sees `area` of the buurt (see above). */
export function seesBuurt(actor: Actor, b: ScopeBuurt, area: BuurtArea): boolean {
	if (isMemberOf(actor, b.id) || isStaffOf(actor, b.corporation_id)) return true;
	const linked = actor.partners.filter((p) => p.buurtIds.includes(b.id));
	if (area === 'buurt') return linked.length > 0;
	if (area === 'buurtpot') return linked.some((p) => p.kind === 'tenants_association');
	return false;
}

/** Partner staff of a tenants' association that staff linked to this buurt. */
export const isAssociationIn = (actor: Actor, buurtId: string) => actor.partners.some((p) => p.kind === 'tenants_association' && p.buurtIds.includes(buurtId));

/** The buurten linked to the actor's tenants' associations (for list queries). */
export const associationBuurtIds = (actor: Actor) => [...new Set(actor.partners.filter((p) => p.kind === 'tenants_association').flatMap((p) => p.buurtIds))];

/**
 * The buurt named by an id from the address or the body, when the actor sees `area` of it; a
 * malformed id, a buurt that does not exist and one out of scope are all `notFoundCode`.
 */
export async function buurtInScope(q: Queryable, actor: Actor, buurtId: string, area: BuurtArea, notFoundCode: string): Promise<BuurtRef> {
	const b = await findBuurtRef(q, buurtId);
	if (!b || !seesBuurt(actor, b, area)) throw new DomainError(notFoundCode);
	return b;
}
