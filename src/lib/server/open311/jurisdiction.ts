import type { Queryable } from '../db/client';
import { listCorporations } from '../places';
import { Open311Error } from './model';
import type { KeyHolder } from './keys';

/**
 * The jurisdiction is the housing corporation: `jurisdiction_id` is its id (a uuid, as staff
 * see it in the key list). Left out, it is the key's corporation; without a key, the
 * corporation that has given out the oldest active key (the one that takes part in Open311),
 * else the oldest corporation — so the only one of most installations, and the demo's De Linde
 * (not Woonbron Oost, which has no key). An unknown one is 404 ("jurisdiction_id not found").
 */
export async function jurisdictionOf(db: Queryable, jurisdictionId: string | undefined, holder: KeyHolder | null): Promise<{ id: string; name: string }> {
	let wanted = jurisdictionId ?? holder?.corporationId;
	if (wanted === undefined) {
		const [k] = await db.query<{ corporation_id: string }>('SELECT corporation_id FROM open311_keys WHERE revoked_at IS NULL ORDER BY created_at, id LIMIT 1');
		wanted = k?.corporation_id;
	}
	const [c] = await listCorporations(db, wanted);
	if (!c) throw new Open311Error(404, 'open311.errors.jurisdiction_not_found');
	return c;
}
