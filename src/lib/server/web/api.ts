import { json, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatusFor } from '../shared/errors';
import { fieldMessage } from '../shared/validate';
import type { Actor } from '../people';
import type { Translate } from '$lib/i18n';

/**
 * The body of every JSON error (the `Error` schema in api/openapi.ts). `code` is stable and is
 * what clients branch on; `message` and each `fields` value are in the caller's language (the
 * noaber_lang cookie, else Accept-Language, else Dutch); `fields` maps a field to its message
 * and is left out when no field is at fault; `details` (numbers, limits) only when there are any.
 */
export interface ApiError {
	error: { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
}

/** Renders a DomainError as the JSON error body, in the language of `t`. */
export function apiErrorBody(err: DomainError, t: Translate): ApiError {
	const fields = Object.fromEntries(Object.keys(err.fields).map((field) => [field, fieldMessage(err, field, t)]));
	return {
		error: {
			code: err.code,
			message: t(`errors.${err.code}`, err.details),
			...(Object.keys(fields).length ? { fields } : {}),
			...(Object.keys(err.details).length ? { details: err.details } : {})
		}
	};
}

/** The JSON response for a DomainError: the status from the code's row in shared/errors.ts. */
export const apiErrorResponse = (err: DomainError, event: Pick<RequestEvent, 'locals'>) =>
	json(apiErrorBody(err, event.locals.t), { status: httpStatusFor(err.code) });

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
			if (err instanceof DomainError) return apiErrorResponse(err, event);
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
