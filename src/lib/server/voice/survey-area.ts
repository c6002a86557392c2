import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import type { AreaKind } from './survey-model';

/**
 * The area a survey or an action is for — the whole corporation, a wijk, a buurt or a complex —
 * and who lives in it. In a form the area is one select value: `corporation`, `wijk:WK999901`,
 * `buurt:<id>` or `complex:<id>`.
 */

export interface Area {
	area_kind: AreaKind;
	wijk_code: string | null;
	buurt_id: string | null;
	complex_id: string | null;
}

export const areaSchema = z
	.string({ error: 'voice.area_required' })
	.regex(/^(corporation|wijk:WK[0-9]{6}|buurt:[0-9a-f-]{36}|complex:[0-9a-f-]{36})$/i, 'voice.area_required');

export const areaValue = (a: Area) =>
	a.area_kind === 'corporation' ? 'corporation' : a.area_kind === 'wijk' ? `wijk:${a.wijk_code}` : a.area_kind === 'buurt' ? `buurt:${a.buurt_id}` : `complex:${a.complex_id}`;

/** The area named by a select value, when it is the corporation's own (else a field error). */
export async function resolveArea(q: Queryable, corporationId: string, value: string): Promise<Area> {
	const [kind, id] = value.split(':') as [AreaKind, string | undefined];
	const bad = () => new DomainError('validation.invalid', {}, { area: 'voice.area_required' });
	if (kind === 'corporation') return { area_kind: 'corporation', wijk_code: null, buurt_id: null, complex_id: null };
	if (kind === 'wijk') {
		const [r] = await q.query('SELECT 1 FROM buurten WHERE corporation_id = $1 AND wijk_code = $2 LIMIT 1', [corporationId, id!.toUpperCase()]);
		if (!r) throw bad();
		return { area_kind: 'wijk', wijk_code: id!.toUpperCase(), buurt_id: null, complex_id: null };
	}
	if (kind === 'buurt') {
		const [r] = await q.query('SELECT 1 FROM buurten WHERE corporation_id = $1 AND id = $2', [corporationId, id]);
		if (!r) throw bad();
		return { area_kind: 'buurt', wijk_code: null, buurt_id: id!, complex_id: null };
	}
	const [r] = await q.query('SELECT 1 FROM complexes WHERE corporation_id = $1 AND id = $2', [corporationId, id]);
	if (!r) throw bad();
	return { area_kind: 'complex', wijk_code: null, buurt_id: null, complex_id: id! };
}

/**
 * SQL that is true when the buurt `b` (and, for a complex, the complex `c`) lies in the area of
 * the row `s` (a survey or an action: area_kind, corporation_id, wijk_code, buurt_id, complex_id).
 */
export const inAreaSql = (s: string, b: string, c: string) =>
	`(${s}.area_kind = 'corporation' AND ${b}.corporation_id = ${s}.corporation_id
	  OR ${s}.area_kind = 'wijk' AND ${b}.wijk_code = ${s}.wijk_code AND ${b}.corporation_id = ${s}.corporation_id
	  OR ${s}.area_kind = 'buurt' AND ${b}.id = ${s}.buurt_id
	  OR ${s}.area_kind = 'complex' AND ${c}.id = ${s}.complex_id)`;

/** SQL for the area's name in words: the corporation's, the wijk's, the buurt's or the complex's. */
export const areaNameSql = (s: string) =>
	`CASE ${s}.area_kind
	   WHEN 'corporation' THEN (SELECT name FROM corporations WHERE id = ${s}.corporation_id)
	   WHEN 'wijk' THEN (SELECT name FROM wijken WHERE code = ${s}.wijk_code)
	   WHEN 'buurt' THEN (SELECT name FROM buurten WHERE id = ${s}.buurt_id)
	   ELSE (SELECT name FROM complexes WHERE id = ${s}.complex_id) END`;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The actor's household (unit) in the area today, or null: the member's home that makes them
 * part of the audience. A person with several homes in the area answers for the first.
 */
export async function householdInArea(q: Queryable, actor: Actor, area: Area & { corporation_id: string }, today: Date): Promise<{ unitId: string; address: string } | null> {
	if (!actor.memberships.some((m) => m.corporationId === area.corporation_id)) return null;
	const [row] = await q.query<{ unit_id: string; address: string }>(
		`SELECT u.id AS unit_id, u.street || ' ' || u.house_number || CASE WHEN u.addition = '' THEN '' ELSE '-' || u.addition END AS address
		 FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id,
		   (SELECT $2::text AS area_kind, $3::uuid AS corporation_id, $4::text AS wijk_code, $5::uuid AS buurt_id, $6::uuid AS complex_id) s
		 WHERE m.account_id = $1 AND m.starts_on <= $7::date AND (m.ends_on IS NULL OR m.ends_on > $7::date) AND ${inAreaSql('s', 'b', 'c')}
		 ORDER BY u.id LIMIT 1`,
		[actor.accountId, area.area_kind, area.corporation_id, area.wijk_code, area.buurt_id, area.complex_id, isoDay(today)]
	);
	return row ? { unitId: row.unit_id, address: row.address } : null;
}

/** The buurten of the area (for the tenants' association's view and the buurt pages). */
export async function areaBuurtIds(q: Queryable, area: Area & { corporation_id: string }): Promise<string[]> {
	const rows = await q.query<{ id: string }>(
		`SELECT DISTINCT b.id FROM buurten b LEFT JOIN complexes c ON c.buurt_id = b.id,
		   (SELECT $1::text AS area_kind, $2::uuid AS corporation_id, $3::text AS wijk_code, $4::uuid AS buurt_id, $5::uuid AS complex_id) s
		 WHERE b.corporation_id = $2 AND ${inAreaSql('s', 'b', 'c')}`,
		[area.area_kind, area.corporation_id, area.wijk_code, area.buurt_id, area.complex_id]
	);
	return rows.map((r) => r.id);
}

export interface AreaOption {
	value: string;
	kind: AreaKind;
	name: string;
}

/** Every area of the corporation a survey or action can be for, for the select in the forms. */
export async function listAreaOptions(q: Queryable, corporationId: string): Promise<AreaOption[]> {
	const rows = await q.query<{ kind: AreaKind; id: string; name: string }>(
		`SELECT 'corporation' AS kind, '' AS id, name FROM corporations WHERE id = $1
		 UNION ALL SELECT * FROM (SELECT DISTINCT 'wijk' AS kind, w.code AS id, w.name FROM buurten b JOIN wijken w ON w.code = b.wijk_code WHERE b.corporation_id = $1) wk
		 UNION ALL SELECT 'buurt', id::text, name FROM buurten WHERE corporation_id = $1
		 UNION ALL SELECT 'complex', id::text, name FROM complexes WHERE corporation_id = $1`,
		[corporationId]
	);
	const order: AreaKind[] = ['corporation', 'wijk', 'buurt', 'complex'];
	return rows
		.map((r) => ({ kind: r.kind, name: r.name, value: r.kind === 'corporation' ? 'corporation' : `${r.kind}:${r.id}` }))
		.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name, 'nl'));
}
