import type { RequestEvent } from '@sveltejs/kit';
import { DomainError } from '../shared/errors';
import { careTokenActor } from '../care';
import type { Actor } from '../people';
import { apiHandler, publicApiHandler } from './api';
import { bearerToken } from './origin-check';

/**
 * /api/v1/care/**: a care organisation calls with `Authorization: Bearer care-…` (the token staff
 * issued to it, care/organisations.ts), which acts as its contact and nothing more; people may
 * also use their session (cookie or session token). Anything else is 401.
 */
export function careApiHandler(fn: (event: RequestEvent, actor: Actor) => Promise<unknown>, opts: { status?: number } = {}) {
	const withSession = apiHandler(fn, opts);
	const withToken = publicApiHandler(async (event) => {
		const actor = await careTokenActor(event.locals.ctx.db, bearerToken(event.request) ?? '', event.locals.ctx.clock());
		if (!actor) throw new DomainError('auth.unauthenticated');
		return fn(event, actor);
	}, opts);
	return (event: RequestEvent) => (bearerToken(event.request)?.startsWith('care-') ? withToken(event) : withSession(event));
}
