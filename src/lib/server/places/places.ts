import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { addition, bagId, buurtCode, cbsYear, gemeenteCode, houseNumber, postcode, wijkCode } from './codes';

export interface Buurt {
	id: string;
	code: string;
	cbs_year: number;
	name: string;
	wijk_code: string;
	wijk_name: string;
	gemeente_code: string;
	gemeente_name: string;
	corporation_id: string;
}

export const createCorporationSchema = z.object({
	name: plainText().trim().min(1).max(200),
	allowOwnerOccupiers: z.boolean().default(false)
});
export async function createCorporation(tx: Queryable, input: z.input<typeof createCorporationSchema>) {
	const v = parseInput(createCorporationSchema, input);
	const [row] = await tx.query<{ id: string }>(
		'INSERT INTO corporations (name, allow_owner_occupiers) VALUES ($1, $2) RETURNING id',
		[v.name, v.allowOwnerOccupiers]
	);
	return row.id;
}

export const createBuurtSchema = z.object({
	corporationId: plainText().uuid(),
	gemeente: z.object({ code: gemeenteCode, name: plainText().trim().min(1).max(100) }),
	wijk: z.object({ code: wijkCode, name: plainText().trim().min(1).max(100) }),
	code: buurtCode,
	cbsYear,
	name: plainText().trim().min(1).max(100)
});

/** Creates a buurt with its gemeente and wijk (idempotent for the latter two). */
export async function createBuurt(tx: Queryable, input: z.input<typeof createBuurtSchema>): Promise<string> {
	const v = parseInput(createBuurtSchema, input);
	// The wijk code repeats the gemeente's four digits, and the buurt code the wijk's six.
	if (v.wijk.code.slice(2, 6) !== v.gemeente.code.slice(2)) throw new DomainError('places.wijk_not_in_gemeente', {}, { 'wijk.code': 'places.wijk_not_in_gemeente' });
	if (v.code.slice(2, 6) !== v.gemeente.code.slice(2)) throw new DomainError('places.buurt_not_in_gemeente', {}, { code: 'places.buurt_not_in_gemeente' });
	await tx.query('INSERT INTO gemeenten (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [v.gemeente.code, v.gemeente.name]);
	await tx.query('INSERT INTO wijken (code, gemeente_code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING', [
		v.wijk.code,
		v.gemeente.code,
		v.wijk.name
	]);
	const [row] = await tx.query<{ id: string }>(
		'INSERT INTO buurten (code, cbs_year, wijk_code, corporation_id, name) VALUES ($1, $2, $3, $4, $5) RETURNING id',
		[v.code, v.cbsYear, v.wijk.code, v.corporationId, v.name]
	);
	return row.id;
}

export const createComplexSchema = z.object({
	corporationId: plainText().uuid(),
	buurtId: plainText().uuid(),
	code: plainText().trim().min(1).max(40),
	name: plainText().trim().min(1).max(100)
});
export async function createComplex(tx: Queryable, input: z.input<typeof createComplexSchema>): Promise<string> {
	const v = parseInput(createComplexSchema, input);
	const [row] = await tx.query<{ id: string }>(
		'INSERT INTO complexes (corporation_id, buurt_id, code, name) VALUES ($1, $2, $3, $4) RETURNING id',
		[v.corporationId, v.buurtId, v.code, v.name]
	);
	return row.id;
}

export const unitSchema = z.object({
	eenheid: plainText().trim().min(1).max(40),
	street: plainText().trim().min(1).max(100),
	houseNumber,
	addition,
	postcode,
	place: plainText().trim().min(1).max(100),
	bagVboId: bagId.optional(),
	bagPandId: bagId.optional()
});
export type UnitInput = z.input<typeof unitSchema>;

export async function createUnit(tx: Queryable, complexId: string, input: UnitInput): Promise<string> {
	const v = parseInput(unitSchema, input);
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO units (complex_id, eenheid, street, house_number, addition, postcode, place, bag_vbo_id, bag_pand_id)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		[complexId, v.eenheid, v.street, v.houseNumber, v.addition, v.postcode, v.place, v.bagVboId ?? null, v.bagPandId ?? null]
	);
	return row.id;
}

const buurtColumns = `b.id, b.code, b.cbs_year, b.name, b.wijk_code, w.name AS wijk_name, w.gemeente_code,
	g.name AS gemeente_name, b.corporation_id`;
const buurtJoins = `FROM buurten b JOIN wijken w ON w.code = b.wijk_code JOIN gemeenten g ON g.code = w.gemeente_code`;

/** Who looks at buurten: the parts of people's Actor that decide what they may see. */
export interface BuurtViewer {
	memberBuurtIds: string[];
	staff: { corporationId: string }[];
	/** Each partner organisation with the buurten staff linked it to. */
	partners: { buurtIds: string[] }[];
}

/**
 * The buurten an actor may see: a member their own buurten, staff every buurt of the
 * corporation they work for, partner staff the buurten their organisation serves.
 */
export async function listVisibleBuurten(db: Queryable, actor: BuurtViewer): Promise<Buurt[]> {
	const corporations = actor.staff.map((s) => s.corporationId);
	return db.query<Buurt>(
		`SELECT ${buurtColumns} ${buurtJoins}
		 WHERE b.id = ANY($1::uuid[]) OR b.corporation_id = ANY($2::uuid[])
		 ORDER BY b.name`,
		[[...actor.memberBuurtIds, ...actor.partners.flatMap((p) => p.buurtIds)], corporations]
	);
}

export async function getBuurt(db: Queryable, actor: BuurtViewer, buurtId: string): Promise<Buurt> {
	const visible = await listVisibleBuurten(db, actor);
	const buurt = visible.find((b) => b.id === buurtId);
	if (!buurt) throw new DomainError('places.buurt_not_found');
	return buurt;
}

export interface BuurtRef {
	id: string;
	name: string;
	corporation_id: string;
}

/**
 * A buurt's id, name and corporation, for use cases that check scope themselves. A missing
 * buurt is `notFoundCode` (each module names its own, e.g. `pot.not_found`).
 */
export async function getBuurtRef(q: Queryable, buurtId: string, notFoundCode = 'places.buurt_not_found'): Promise<BuurtRef> {
	const b = await findBuurtRef(q, buurtId);
	if (!b) throw new DomainError(notFoundCode);
	return b;
}

/** The same, or null when there is no such buurt (also for a malformed id). */
export async function findBuurtRef(q: Queryable, buurtId: string): Promise<BuurtRef | null> {
	if (!/^[0-9a-f-]{36}$/i.test(buurtId)) return null;
	const [b] = await q.query<BuurtRef>('SELECT id, name, corporation_id FROM buurten WHERE id = $1', [buurtId]);
	return b ?? null;
}

/**
 * The name of the buurt with this CBS code (the stairwell poster's QR code names it), or null.
 * Public on purpose: CBS codes and buurt names are open data, and nothing else is told.
 */
export async function buurtNameByCode(q: Queryable, code: string): Promise<string | null> {
	if (!/^BU[0-9A-Z]{8}$/.test(code)) return null;
	const [b] = await q.query<{ name: string }>('SELECT name FROM buurten WHERE code = $1 ORDER BY cbs_year DESC LIMIT 1', [code]);
	return b?.name ?? null;
}

export interface Complex {
	id: string;
	code: string;
	name: string;
	buurt_id: string;
	buurt_name: string;
	units: number;
}

export async function listComplexes(db: Queryable, corporationId: string): Promise<Complex[]> {
	return db.query<Complex>(
		`SELECT c.id, c.code, c.name, c.buurt_id, b.name AS buurt_name, count(u.id)::int AS units
		 FROM complexes c JOIN buurten b ON b.id = c.buurt_id LEFT JOIN units u ON u.complex_id = c.id
		 WHERE c.corporation_id = $1 GROUP BY c.id, b.name ORDER BY c.code`,
		[corporationId]
	);
}

export interface UnitAddress {
	id: string;
	eenheid: string;
	street: string;
	house_number: number;
	addition: string;
	postcode: string;
	place: string;
}

export const formatAddress = (u: Pick<UnitAddress, 'street' | 'house_number' | 'addition'>) =>
	`${u.street} ${u.house_number}${u.addition ? `-${u.addition}` : ''}`;

/**
 * Corporations, oldest first (by creation, then name: the demo makes both of its corporations
 * in one transaction): all of them, or the one named (an id that is no uuid names none). Open311
 * serves each corporation as a jurisdiction (open311/jurisdiction.ts picks the default).
 */
export async function listCorporations(db: Queryable, id?: string): Promise<{ id: string; name: string }[]> {
	if (id !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return [];
	return db.query<{ id: string; name: string }>('SELECT id, name FROM corporations WHERE ($1::uuid IS NULL OR id = $1) ORDER BY created_at, name, id', [id ?? null]);
}
