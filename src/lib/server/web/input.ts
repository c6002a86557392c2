import { randomUUID } from 'node:crypto';
import { error, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatusFor } from '../shared/errors';
import { readJson } from './api';
import { hasControlCharacters } from '../shared/text';

/**
 * Edge helpers for the help, wallet, supervise and pot routes: turning form posts and JSON
 * bodies into use-case input. No business rules here.
 */

/** A fresh idempotency key for each form rendered: a double submit of that form counts once. */
export const newIdempotencyKey = () => randomUUID();

/** The named form fields as strings; empty fields become undefined (so "optional" works). */
export function formFields(data: FormData, names: string[]): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const name of names) {
		const v = data.get(name);
		out[name] = typeof v === 'string' && v.trim() !== '' ? v : undefined;
	}
	return out;
}

/** A JSON body plus the Idempotency-Key header (the header wins over a body field). */
export async function jsonInput(event: RequestEvent): Promise<Record<string, unknown>> {
	const body = await readJson(event);
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DomainError('api.invalid_json');
	const key = event.request.headers.get('idempotency-key');
	return { ...(body as Record<string, unknown>), ...(key ? { idempotencyKey: key } : {}) };
}

/**
 * The one mapping of a DomainError to an error page, for page loads (statuses from the table in
 * shared/errors.ts, as for forms and the API): whatever the person may not see — another buurt's
 * request, a round's results before the close — is a 404 page, the same as something that does
 * not exist; bad input in the address (a malformed page number or cursor) is its 4xx, never a 500.
 */
export function pageErrorFor(err: unknown): never {
	if (!(err instanceof DomainError)) throw err;
	const status = httpStatusFor(err.code);
	if (status === 403 || status === 404) error(404, 'not_found');
	error(status, err.code);
}

/** One call in a page load that may throw a DomainError (see pageErrorFor). */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
	try {
		return await p;
	} catch (err) {
		pageErrorFor(err);
	}
}

/**
 * Wraps a whole page load, so every DomainError its use cases and queries throw (a malformed id
 * or page number in the address included) becomes its error page: `export const load =
 * pageLoad<PageServerLoad>(async (event) => …)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function pageLoad<F extends (...args: any[]) => unknown>(fn: F): F {
	return (async (...args: Parameters<F>) => {
		try {
			return await fn(...args);
		} catch (err) {
			pageErrorFor(err);
		}
	}) as F;
}

/**
 * A POST to `?/default` (kit's reserved action name): kit throws on it, which would be a 500, so
 * hooks.server.ts answers 404 first (a page's default action is posted without `?/`).
 */
export const namesReservedAction = (request: Request, url: URL) =>
	request.method === 'POST' && [...url.searchParams.keys()].some((k) => k === '/default');

/**
 * An address whose path holds a control character (`/help/%00?/done`) names nothing: no id,
 * slug or page has one, and a redirect back to it would be refused. 404 before any route runs.
 */
export function pathHasControlCharacters(url: URL): boolean {
	try {
		return hasControlCharacters(decodeURIComponent(url.pathname));
	} catch {
		return false; // a malformed escape: SvelteKit answers that itself
	}
}

/** The fields of the ask form (and of the namens form, which adds its own). */
export const askFieldNames = ['buurtId', 'category', 'zorgLabel', 'title', 'description', 'when', 'whenDate', 'urgency', 'place', 'placeNote', 'idempotencyKey'];

/** The `?done=` confirmation after a post/redirect/get, only when it is one the page knows. */
export const doneParam = (url: URL, known: readonly string[]) => {
	const done = url.searchParams.get('done');
	return done && known.includes(done) ? done : null;
};
