import type { Queryable } from '../db/client';
import { workOrderPlaces } from '../reports';
import type { Actor } from '../people';
import { WORK_ORDER_DAYS, type ReporterRole } from './model';

/**
 * The homes a reporter may name, so a concern is never about an address typed freely: a member
 * chooses from their own complex (not their own home), a supplier's worker from the homes and
 * complexes of their organisation's recent work orders, staff from their corporation's complexes
 * (complex first, then the home). Reads units and complexes (places' reference data) directly.
 */

export interface UnitChoice {
	id: string;
	label: string;
	complexName: string;
}

export interface ComplexChoice {
	id: string;
	name: string;
}

const unitLabel = (u: { street: string; house_number: number; addition: string }) => `${u.street} ${u.house_number}${u.addition ? ` ${u.addition}` : ''}`;

const supplierOrgs = (actor: Actor) => actor.partners.filter((p) => p.kind === 'supplier');

async function memberComplexIds(q: Queryable, actor: Actor): Promise<string[]> {
	if (!actor.memberships.length) return [];
	const rows = await q.query<{ complex_id: string }>('SELECT DISTINCT complex_id FROM units WHERE id = ANY($1::uuid[])', [actor.memberships.map((m) => m.unitId)]);
	return rows.map((r) => r.complex_id);
}

type UnitRow = { id: string; street: string; house_number: number; addition: string; complex_id: string; complex_name: string; corporation_id: string };
const unitColumns = 'u.id, u.street, u.house_number, u.addition, u.complex_id, c.name AS complex_name, c.corporation_id';
const choiceOf = (u: UnitRow): UnitChoice => ({ id: u.id, label: unitLabel(u), complexName: u.complex_name });

/** What the raise form offers: the homes the person may name now; staff first pick a complex. */
export async function concernPlaces(q: Queryable, actor: Actor, now: Date, complexId?: string | null): Promise<{ units: UnitChoice[]; complexes: ComplexChoice[] }> {
	const own = actor.memberships.map((m) => m.unitId);
	const complexIds = await memberComplexIds(q, actor);
	const orgs = supplierOrgs(actor);
	const work = await workOrderPlaces(q, orgs.map((o) => o.organisationId), now, WORK_ORDER_DAYS);
	const staffCorporations = [...new Set(actor.staff.map((s) => s.corporationId))];
	const complexes = staffCorporations.length
		? await q.query<ComplexChoice>('SELECT id, name FROM complexes WHERE corporation_id = ANY($1::uuid[]) ORDER BY name, id', [staffCorporations])
		: [];
	const chosenComplex = complexId && complexes.some((c) => c.id === complexId) ? complexId : null;
	const units = await q.query<UnitRow>(
		`SELECT ${unitColumns} FROM units u JOIN complexes c ON c.id = u.complex_id
		 WHERE (u.complex_id = ANY($1::uuid[]) OR u.id = ANY($2::uuid[]) OR (u.complex_id = ANY($3::uuid[]) AND c.corporation_id = ANY($5::uuid[])) OR u.complex_id = $4)
		   AND NOT (u.id = ANY($6::uuid[]))
		 ORDER BY c.name, u.street, u.house_number, u.addition, u.id`,
		[complexIds, work.unitIds, work.complexIds, chosenComplex, [...new Set(orgs.map((o) => o.corporationId))], own]
	);
	return { units: units.map(choiceOf), complexes };
}

/**
 * Whether the actor may name this home, and in which role (member before supplier before staff).
 * Null when the home is outside everything they may name.
 */
export async function chosenUnit(q: Queryable, actor: Actor, unitId: string, now: Date): Promise<{ unit: UnitChoice; corporationId: string; role: ReporterRole } | 'own' | null> {
	if (actor.memberships.some((m) => m.unitId === unitId)) return 'own';
	const [u] = await q.query<UnitRow>(`SELECT ${unitColumns} FROM units u JOIN complexes c ON c.id = u.complex_id WHERE u.id = $1`, [unitId]);
	if (!u) return null;
	const found = (role: ReporterRole) => ({ unit: choiceOf(u), corporationId: u.corporation_id, role });
	if ((await memberComplexIds(q, actor)).includes(u.complex_id)) return found('member');
	const orgs = supplierOrgs(actor).filter((o) => o.corporationId === u.corporation_id);
	if (orgs.length) {
		const work = await workOrderPlaces(q, orgs.map((o) => o.organisationId), now, WORK_ORDER_DAYS);
		if (work.unitIds.includes(u.id) || work.complexIds.includes(u.complex_id)) return found('supplier');
	}
	if (actor.staff.some((s) => s.corporationId === u.corporation_id)) return found('staff');
	return null;
}
