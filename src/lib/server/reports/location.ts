import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { plainText } from '../shared/text';
import { isStaffOf, type Actor } from '../people';

/**
 * Where a report is, in one of four ways (the map is never required):
 * - home: the reporter's own unit (unitId, or their only home);
 * - complex: the reporter's complex (complexId of one of their homes; staff: any of theirs);
 * - address: a result of the address search (PDOK Locatieserver: BAG ids, buurt code, the point);
 * - pin: a point on the map (lat/lon) in a buurt (buurtId, or the reporter's only buurt).
 * The buurt decides the corporation, who may see the report and its figures.
 */
const lat = z.coerce.number('reports.location_invalid').min(50.5, 'reports.location_invalid').max(53.7, 'reports.location_invalid');
const lon = z.coerce.number('reports.location_invalid').min(3.2, 'reports.location_invalid').max(7.3, 'reports.location_invalid');
const bagId = z.string().regex(/^[0-9]{16}$/, 'reports.location_invalid');

export const locationSchema = z.discriminatedUnion(
	'kind',
	[
		z.object({ kind: z.literal('home'), unitId: z.uuid('reports.location_invalid').optional() }),
		z.object({ kind: z.literal('complex'), complexId: z.uuid('reports.location_invalid').optional() }),
		z.object({
			kind: z.literal('address'),
			label: plainText({ error: 'reports.location_invalid' }).trim().min(1, 'reports.location_invalid').max(200, 'validation.too_long'),
			buurtCode: z.string().regex(/^BU[0-9A-Z]{8}$/, 'reports.location_invalid'),
			nummeraanduidingId: bagId.optional(),
			verblijfsobjectId: bagId.optional(),
			lat,
			lon
		}),
		z.object({ kind: z.literal('pin'), lat, lon, buurtId: z.uuid('reports.location_invalid').optional() })
	],
	{ error: (issue) => (issue.input === undefined ? 'reports.location_required' : 'reports.location_invalid') }
);
export type LocationInput = z.infer<typeof locationSchema>;

export interface ResolvedLocation {
	/** 'buurt' only for a redirected help request that named no home or complex. */
	kind: LocationInput['kind'] | 'buurt';
	buurtId: string;
	corporationId: string;
	unitId: string | null;
	complexId: string | null;
	label: string | null;
	nummeraanduidingId: string | null;
	verblijfsobjectId: string | null;
	lat: number | null;
	lon: number | null;
}

const outside = () => new DomainError('validation.invalid', {}, { location: 'reports.location_outside' });

/**
 * Turns a location into the buurt (and complex/unit/point) it names, checking that it is the
 * actor's to use: their own home or complex, or a buurt of their corporation. Errors:
 * validation.invalid with field location → reports.location_outside (not yours, or a buurt code
 * the actor's corporation has no buurt for) | reports.location_ambiguous (several homes: say which).
 */
export async function resolveLocation(q: Queryable, actor: Actor, loc: LocationInput): Promise<ResolvedLocation> {
	const base = { unitId: null, complexId: null, label: null, nummeraanduidingId: null, verblijfsobjectId: null, lat: null, lon: null };
	if (loc.kind === 'home' || loc.kind === 'complex') {
		const homes = actor.memberships;
		if (loc.kind === 'home' || !loc.complexId) {
			const wanted = loc.kind === 'home' ? loc.unitId : undefined;
			const mine = wanted ? homes.filter((m) => m.unitId === wanted) : homes;
			if (!mine.length) throw outside();
			if (mine.length > 1) throw new DomainError('validation.invalid', {}, { location: 'reports.location_ambiguous' });
			const [u] = await q.query<{ complex_id: string }>('SELECT complex_id FROM units WHERE id = $1', [mine[0].unitId]);
			const unitId = loc.kind === 'home' ? mine[0].unitId : null;
			return { ...base, kind: loc.kind, buurtId: mine[0].buurtId, corporationId: mine[0].corporationId, unitId, complexId: u.complex_id };
		}
		const [c] = await q.query<{ id: string; buurt_id: string; corporation_id: string }>('SELECT id, buurt_id, corporation_id FROM complexes WHERE id = $1', [loc.complexId]);
		if (!c) throw outside();
		const own = (await q.query('SELECT 1 FROM units WHERE complex_id = $1 AND id = ANY($2::uuid[]) LIMIT 1', [c.id, homes.map((m) => m.unitId)])).length > 0;
		if (!own && !isStaffOf(actor, c.corporation_id)) throw outside();
		return { ...base, kind: 'complex', buurtId: c.buurt_id, corporationId: c.corporation_id, complexId: c.id };
	}
	const corporations = [...new Set([...actor.memberships.map((m) => m.corporationId), ...actor.staff.map((s) => s.corporationId)])];
	if (loc.kind === 'address') {
		// The newest CBS year of that code among the actor's corporations' buurten.
		const [b] = await q.query<{ id: string; corporation_id: string }>(
			'SELECT id, corporation_id FROM buurten WHERE code = $1 AND corporation_id = ANY($2::uuid[]) ORDER BY cbs_year DESC, id LIMIT 1',
			[loc.buurtCode, corporations]
		);
		if (!b) throw outside();
		return { ...base, kind: 'address', buurtId: b.id, corporationId: b.corporation_id, label: loc.label, nummeraanduidingId: loc.nummeraanduidingId ?? null, verblijfsobjectId: loc.verblijfsobjectId ?? null, lat: loc.lat, lon: loc.lon };
	}
	const buurtId = loc.buurtId ?? (actor.memberBuurtIds.length === 1 ? actor.memberBuurtIds[0] : undefined);
	if (!buurtId) throw new DomainError('validation.invalid', {}, { 'location.buurtId': 'reports.location_ambiguous' });
	const [b] = await q.query<{ id: string; corporation_id: string }>('SELECT id, corporation_id FROM buurten WHERE id = $1 AND corporation_id = ANY($2::uuid[])', [buurtId, corporations]);
	if (!b) throw outside();
	return { ...base, kind: 'pin', buurtId: b.id, corporationId: b.corporation_id, lat: loc.lat, lon: loc.lon };
}
