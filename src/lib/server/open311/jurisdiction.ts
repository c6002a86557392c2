import type { Queryable } from '../db/client';
import { listCorporations } from '../places';
import { Open311Error } from './model';
import type { KeyHolder } from './keys';

/**
 * The jurisdiction is the housing corporation: `jurisdiction_id` is its id (a uuid, as staff
 * see it in the key list). Left out, it is the key's corporation, and without a key the oldest
 * corporation of this installation (the only one, in most). An unknown one is 404
 * ("jurisdiction_id not found", as the specification says).
 */
export async function jurisdictionOf(db: Queryable, jurisdictionId: string | undefined, holder: KeyHolder | null): Promise<{ id: string; name: string }> {
	const wanted = jurisdictionId ?? holder?.corporationId;
	const [c] = await listCorporations(db, wanted);
	if (!c) throw new Open311Error(404, 'open311.errors.jurisdiction_not_found');
	return c;
}
