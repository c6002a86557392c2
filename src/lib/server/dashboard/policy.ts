import type { Actor } from '../people';
import type { Area } from './areas';

/**
 * Who sees which area's figures (docs/ARCHITECTURE.md, "Who sees what", Dashboard). Pure, so
 * the page and the API ask the same question:
 * - staff of the corporation: every area of it (corporation, gemeenten, wijken, buurten, complexes);
 * - a member: their own buurt (all its figures, the corporation's response times among them);
 * - the tenants' association: the same figures as management for its area — the buurten staff
 *   linked it to, and their complexes;
 * - the municipality: aggregates of its gemeente — the gemeente and its wijken, and the buurten
 *   staff linked it to (as for every partner; no complexes: those are a few streets), within the
 *   corporation it works with;
 * - care and supplier partners, another corporation, anyone else: nothing.
 * `municipalGemeenten` are the gemeente codes of the buurten linked to the actor's municipality
 * organisations, per corporation ("corporationId:GM…"), read with the entry areas.
 */
export function canSeeArea(actor: Actor, area: Pick<Area, 'corporationId' | 'kind' | 'id' | 'buurtId' | 'gemeenteCode'>, municipalGemeenten: Set<string>): boolean {
	if (actor.staff.some((s) => s.corporationId === area.corporationId)) return true;
	if (area.kind === 'buurt' && actor.memberBuurtIds.includes(area.id)) return true;
	const association = actor.partners.filter((p) => p.kind === 'tenants_association' && p.corporationId === area.corporationId);
	if ((area.kind === 'buurt' || area.kind === 'complex') && association.some((p) => p.buurtIds.includes(area.buurtId ?? ''))) return true;
	if ((area.kind === 'gemeente' || area.kind === 'wijk') && area.gemeenteCode && municipalGemeenten.has(`${area.corporationId}:${area.gemeenteCode}`)) return true;
	// A buurt's own figures only where staff linked the municipality to it, as everywhere else for partners.
	if (area.kind === 'buurt' && actor.partners.some((p) => p.kind === 'municipality' && p.corporationId === area.corporationId && p.buurtIds.includes(area.id))) return true;
	return false;
}

/** Buurten whose rows the actor may start from: their own, and those linked to an association or a municipality. */
export const entryBuurtIds = (actor: Actor) => [...new Set([...actor.memberBuurtIds, ...actor.partners.filter((p) => p.kind === 'tenants_association' || p.kind === 'municipality').flatMap((p) => p.buurtIds)])];
export const municipalBuurtIds = (actor: Actor) => [...new Set(actor.partners.filter((p) => p.kind === 'municipality').flatMap((p) => p.buurtIds))];
/** Whether the actor has any dashboard at all (the menu shows the link only then). */
export const hasDashboard = (actor: Actor) => actor.staff.length > 0 || actor.memberBuurtIds.length > 0 || actor.partners.some((p) => (p.kind === 'tenants_association' || p.kind === 'municipality') && p.buurtIds.length > 0);
