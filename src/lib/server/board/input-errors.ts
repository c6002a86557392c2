import { DomainError } from '../shared/errors';

/**
 * Runs every check of a form's input and throws one `validation.invalid` naming each field's
 * problem (the text and the photos at once), so a person fixes everything in one go.
 */
export async function allChecked<T extends unknown[]>(...checks: { [K in keyof T]: () => T[K] | Promise<T[K]> }): Promise<T> {
	const out: unknown[] = [];
	let fields: Record<string, string> = {};
	let fieldParams: Record<string, unknown> = {};
	let first: unknown = null;
	for (const check of checks) {
		try {
			out.push(await check());
		} catch (err) {
			if (!(err instanceof DomainError) || err.code !== 'validation.invalid') throw err;
			first ??= err;
			fields = { ...fields, ...err.fields };
			fieldParams = { ...fieldParams, ...((err.details.fieldParams as Record<string, unknown>) ?? {}) };
			out.push(undefined);
		}
	}
	if (first) throw new DomainError('validation.invalid', Object.keys(fieldParams).length ? { fieldParams } : {}, fields);
	return out as T;
}
