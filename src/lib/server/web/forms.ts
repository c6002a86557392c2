import { createHash, randomUUID } from 'node:crypto';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatusFor } from '../shared/errors';
import { fieldMessage } from '../shared/validate';
import { recentKeys } from '../shared/idempotency';
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
 *
 * A create form's key is handed out again for a while (`formKeys`), so the same key can come
 * back with other content — the person used the form again for something new. That is a new
 * submission: it runs once more with a fresh key of the same form, never an error.
 */
export async function runForm<T>(event: RequestEvent, fn: (data: FormData) => Promise<T>) {
	const data = await event.request.formData().catch(() => new FormData());
	try {
		return await sendForm(data, fn);
	} catch (err) {
		if (err instanceof DomainError) {
			const status = httpStatusFor(err.code);
			if (status === 403 || status === 404) event.locals.formRefusal = status;
			return failureFor(err, event.locals.t, formValues(data));
		}
		throw err;
	}
}

/**
 * Form keys: `f.<form>.<uuid>`, where <form> is a short hash of the page and the form's name.
 * Within `formKeyReuseMinutes` after a person sent a create form, the same page renders the key
 * they used again. A browser without JavaScript that goes Back loads the page anew (pages are
 * `no-store`), so without this the form would carry a new key and a second send would make a
 * second request; now it answers with the first result (the use case's `withIdempotency`).
 * The same content sent again deliberately within that time also counts once.
 */
export const formKeyReuseMinutes = 15;
const formTag = (scope: string) => `f.${createHash('sha256').update(scope).digest('hex').slice(0, 12)}.`;
const formKeyPattern = /^f\.[0-9a-f]{12}\.[0-9a-f-]{36}$/;

/** Runs `fn`; a form key that came back with other content runs once more with a fresh key. */
export async function sendForm<T>(data: FormData, fn: (data: FormData) => Promise<T>): Promise<T> {
	try {
		return await fn(data);
	} catch (err) {
		const again = err instanceof DomainError && err.code.endsWith('.idempotency_mismatch') ? withFreshFormKey(data) : null;
		if (!again) throw err;
		return await fn(again);
	}
}

function withFreshFormKey(data: FormData): FormData | null {
	const key = data.get('idempotencyKey');
	if (typeof key !== 'string' || !formKeyPattern.test(key)) return null;
	const fresh = new FormData();
	for (const [name, value] of data) fresh.append(name, value);
	fresh.set('idempotencyKey', key.slice(0, 15) + randomUUID());
	return fresh;
}

/** Keys for a page's create forms (one per name): the one used recently, else a new one. */
export async function formKeys<N extends string>(event: Pick<RequestEvent, 'locals' | 'url'>, names: readonly N[]): Promise<Record<N, string>> {
	const { actor, ctx } = event.locals;
	const tags = names.map((name) => formTag(`${event.url.pathname}#${name}`));
	const used = actor
		? await recentKeys(ctx.db, { actorId: actor.accountId, prefix: 'f.', since: new Date(ctx.clock().getTime() - formKeyReuseMinutes * 60_000) })
		: [];
	return Object.fromEntries(
		names.map((name, i) => [name, used.find((k) => k.startsWith(tags[i]) && formKeyPattern.test(k)) ?? tags[i] + randomUUID()])
	) as Record<N, string>;
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
