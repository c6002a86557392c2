import { error, type RequestEvent } from '@sveltejs/kit';
import { requireActor } from './forms';
import { isAdminOf, staffCorporationIds, type Actor } from '../people';

/** Staff pages act for the first corporation the person works for. */
export function requireStaff(event: Pick<RequestEvent, 'locals' | 'url'>, opts: { admin?: boolean } = {}): { actor: Actor; corporationId: string } {
	const actor = requireActor(event);
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId || (opts.admin && !isAdminOf(actor, corporationId))) error(403, 'forbidden');
	return { actor, corporationId };
}
