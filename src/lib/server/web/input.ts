import { randomUUID } from 'node:crypto';
import { error, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatusFor } from '../shared/errors';
import { readJson } from './api';

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
 * For page loads: whatever the person may not see — another buurt's request, a round's results
 * before the close — is a 404 page, the same as something that does not exist; bad input in the
 * address (a malformed id or page number) is a 400 page, never a 500. Statuses come from the one
 * table in shared/errors.ts.
 */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
	try {
		return await p;
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		const status = httpStatusFor(err.code);
		if (status === 403 || status === 404) error(404, 'not_found');
		if (status >= 400 && status < 500) error(status, err.code);
		throw err;
	}
}

/** The fields of the ask form (and of the namens form, which adds its own). */
export const askFieldNames = ['buurtId', 'category', 'zorgLabel', 'title', 'description', 'when', 'whenDate', 'urgency', 'place', 'placeNote', 'idempotencyKey'];

/** The `?done=` confirmation after a post/redirect/get, only when it is one the page knows. */
export const doneParam = (url: URL, known: readonly string[]) => {
	const done = url.searchParams.get('done');
	return done && known.includes(done) ? done : null;
};
