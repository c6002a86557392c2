import { json, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatusFor } from '../shared/errors';
import type { Actor } from '../people';

export interface ApiError {
	error: { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
}

function errorBody(err: DomainError, event: RequestEvent): ApiError {
	const t = event.locals.t;
	const fields = Object.fromEntries(Object.entries(err.fields).map(([f, key]) => [f, t(`errors.${key}`)]));
	return {
		error: {
			code: err.code,
			message: t(`errors.${err.code}`, err.details),
			...(Object.keys(fields).length ? { fields } : {}),
			...(Object.keys(err.details).length ? { details: err.details } : {})
		}
	};
}

/**
 * Wraps a JSON endpoint: requires a session (cookie or bearer token), maps DomainErrors to 4xx
 * JSON bodies and unreadable JSON to 400. Handlers return presenters' output, never raw rows.
 */
export function apiHandler(fn: (event: RequestEvent, actor: Actor) => Promise<unknown>, opts: { status?: number } = {}) {
	return publicApiHandler(async (event) => {
		const actor = event.locals.actor;
		if (!actor) throw new DomainError('auth.unauthenticated');
		return fn(event, actor);
	}, opts);
}

/** Like apiHandler, for the few endpoints that need no session (logging in). */
export function publicApiHandler(fn: (event: RequestEvent) => Promise<unknown>, opts: { status?: number } = {}) {
	return async (event: RequestEvent) => {
		try {
			return json(await fn(event), { status: opts.status ?? 200 });
		} catch (err) {
			if (err instanceof DomainError) return json(errorBody(err, event), { status: httpStatusFor(err.code) });
			throw err;
		}
	};
}

/** Reads a JSON body; a body that is not JSON is bad input (400), not a crash. */
export async function readJson(event: RequestEvent): Promise<unknown> {
	try {
		return await event.request.json();
	} catch {
		throw new DomainError('api.invalid_json');
	}
}
