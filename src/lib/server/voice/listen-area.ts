import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { AreaKind, AreaRef } from './listen-model';

/**
 * The areas of a corporation a conversation or an advice request can be about: each wijk that
 * holds one of its buurten, its buurten and its complexes. Read-only joins on the places tables
 * (reference data, as elsewhere).
 */

export interface AreaOption {
	value: string;
	kind: AreaKind;
	name: string;
}

export async function listAreas(q: Queryable, corporationId: string): Promise<AreaOption[]> {
	const rows = await q.query<{ kind: AreaKind; key: string; name: string; sort: string }>(
		`SELECT 'wijk' AS kind, w.code AS key, w.name, w.name AS sort FROM wijken w WHERE EXISTS (SELECT 1 FROM buurten b WHERE b.wijk_code = w.code AND b.corporation_id = $1)
		 UNION ALL SELECT 'buurt', b.id::text, b.name, w.name || ' ' || b.name FROM buurten b JOIN wijken w ON w.code = b.wijk_code WHERE b.corporation_id = $1
		 UNION ALL SELECT 'complex', c.id::text, c.name || ' (' || b.name || ')', w.name || ' ' || b.name || ' ' || c.name FROM complexes c JOIN buurten b ON b.id = c.buurt_id JOIN wijken w ON w.code = b.wijk_code WHERE c.corporation_id = $1
		 ORDER BY sort, kind DESC`,
		[corporationId]
	);
	return rows.map((r) => ({ value: `${r.kind}:${r.key}`, kind: r.kind, name: r.name }));
}

/**
 * The area named by `wijk:…`, `buurt:…` or `complex:…` (listen-model.ts areaSchema), if it is
 * one of the corporation's; otherwise the field's error `listen.area_required`.
 */
export async function resolveArea(q: Queryable, corporationId: string, value: string, field = 'area'): Promise<AreaRef> {
	const [kind, key] = value.split(':') as [AreaKind, string];
	const bad = () => new DomainError('validation.invalid', {}, { [field]: 'listen.area_required' });
	if (kind === 'wijk') {
		const [w] = await q.query<{ code: string; name: string }>(
			'SELECT w.code, w.name FROM wijken w WHERE w.code = $1 AND EXISTS (SELECT 1 FROM buurten b WHERE b.wijk_code = w.code AND b.corporation_id = $2)',
			[key.toUpperCase(), corporationId]
		);
		if (!w) throw bad();
		return { kind, wijkCode: w.code, buurtId: null, complexId: null, name: w.name };
	}
	if (kind === 'buurt') {
		const [b] = await q.query<{ id: string; wijk_code: string; name: string }>('SELECT id, wijk_code, name FROM buurten WHERE id = $1 AND corporation_id = $2', [key, corporationId]);
		if (!b) throw bad();
		return { kind, wijkCode: b.wijk_code, buurtId: b.id, complexId: null, name: b.name };
	}
	const [c] = await q.query<{ id: string; buurt_id: string; wijk_code: string; name: string }>(
		`SELECT c.id, c.buurt_id, b.wijk_code, c.name || ' (' || b.name || ')' AS name FROM complexes c JOIN buurten b ON b.id = c.buurt_id WHERE c.id = $1 AND c.corporation_id = $2`,
		[key, corporationId]
	);
	if (!c) throw bad();
	return { kind: 'complex', wijkCode: c.wijk_code, buurtId: c.buurt_id, complexId: c.id, name: c.name };
}

/** SQL for an area's display name from a row with area_kind, wijk_code, buurt_id, complex_id (alias `x`). */
export const areaNameSql = (x: string) => `CASE ${x}.area_kind
	WHEN 'wijk' THEN (SELECT aw.name FROM wijken aw WHERE aw.code = ${x}.wijk_code)
	WHEN 'buurt' THEN (SELECT ab.name FROM buurten ab WHERE ab.id = ${x}.buurt_id)
	ELSE (SELECT ac.name || ' (' || ab.name || ')' FROM complexes ac JOIN buurten ab ON ab.id = ac.buurt_id WHERE ac.id = ${x}.complex_id) END`;
