import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatusFor } from '../shared/errors';
import { fieldMessage } from '../shared/validate';
import type { Actor } from '../people';
import type { Translate } from '$lib/i18n';

export interface FormFailure {
	/** One message in the user's language per field, shown next to the field. */
	errors: Record<string, string>;
	/** A message for the whole form, shown above it. */
	error?: string;
	/** What the user typed, so nothing is lost (never passwords). */
	values: Record<string, string>;
	/** Extra details some forms show, e.g. every bad row of an import. */
	details?: Record<string, unknown>;
}

const secretFields = /password|token|code/i;

export function formValues(data: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data) {
		if (typeof value === 'string' && !secretFields.test(key)) values[key] = value.slice(0, 5000);
	}
	return values;
}

export function failureFor(err: DomainError, t: Translate, values: Record<string, string>) {
	const errors = Object.fromEntries(Object.keys(err.fields).map((field) => [field, fieldMessage(err, field, t)]));
	const error = Object.keys(errors).length ? t('errors.form_has_errors') : t(`errors.${err.code}`, err.details);
	return fail(httpStatusFor(err.code), { errors, error, values, details: err.details } satisfies FormFailure);
}

/**
 * Runs a form action's use case and turns a DomainError into a 4xx with messages in the
 * user's language; anything else is a bug and goes on to the error page.
 */
export async function runForm<T>(event: RequestEvent, fn: (data: FormData) => Promise<T>) {
	const data = await event.request.formData().catch(() => new FormData());
	try {
		return await fn(data);
	} catch (err) {
		if (err instanceof DomainError) return failureFor(err, event.locals.t, formValues(data));
		throw err;
	}
}

/** The logged-in actor, or a redirect to the login page that comes back here afterwards. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return actor;
}

/**
 * Only same-site relative paths, so ?next= cannot send people elsewhere; printable ASCII only
 * (a control character or other non-header byte would make the Location header a 500).
 */
export const isSafeNext = (next: unknown): next is string => typeof next === 'string' && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next);
export const safeNext = (next: string | null) => (isSafeNext(next) ? next : '/home');

export const str = (data: FormData, key: string) => {
	const v = data.get(key);
	return typeof v === 'string' ? v : undefined;
};
