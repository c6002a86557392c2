import { randomUUID } from 'node:crypto';
import { error, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from '../shared/errors';
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

/** For page loads: a request or pot the person may not see is a 404 page, like one that does not exist. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
	try {
		return await p;
	} catch (err) {
		if (err instanceof DomainError && /[._](not_found|forbidden)$/.test(err.code)) error(404, 'not_found');
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
