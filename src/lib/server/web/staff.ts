import { error, type RequestEvent } from '@sveltejs/kit';
import { requireActor } from './forms';
import { isAdminOf, staffCorporationIds, type Actor } from '../people';

/**
 * Staff pages act for the first corporation the person works for; anyone else gets 403. A staff
 * page rendered after one of its forms was refused keeps the form's answer: a form aimed at
 * something outside the person's scope is a 404 (scope before role), also for non-staff.
 */
export function requireStaff(event: Pick<RequestEvent, 'locals' | 'url'>, opts: { admin?: boolean } = {}): { actor: Actor; corporationId: string } {
	const actor = requireActor(event);
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId || (opts.admin && !isAdminOf(actor, corporationId))) {
		if (event.locals.formRefusal === 404) error(404, 'not_found');
		error(403, 'forbidden');
	}
	return { actor, corporationId };
}
