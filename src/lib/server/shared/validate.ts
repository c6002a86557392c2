import { z } from 'zod';
import { DomainError, httpStatusFor } from './errors';
import { hasControlCharacters } from './text';

/** A message key is namespaced and has no spaces: `places.invalid_postcode`. */
// A namespace may hold digits after its first letter (open311).
const isKey = (m: string) => /^[a-z_][a-z0-9_]*\.[a-z0-9_.]+$/.test(m);

export function messageKeyFor(issue: z.core.$ZodIssue): string {
	if (isKey(issue.message)) return issue.message;
	switch (issue.code) {
		case 'too_big':
			return issue.origin === 'string' ? 'validation.too_long' : 'validation.too_big';
		case 'too_small':
			if (issue.origin === 'string') return issue.minimum === 1 ? 'validation.required' : 'validation.too_short';
			return 'validation.too_small';
		case 'invalid_format':
			return issue.format === 'email' ? 'validation.email' : 'validation.format';
		case 'invalid_type':
			return issue.input === undefined || issue.input === null || issue.input === ''
				? 'validation.required'
				: 'validation.type';
		case 'invalid_value':
			return 'validation.choice';
		default:
			return 'validation.invalid';
	}
}

/**
 * The values a field's message needs: the limit of "too long" / "too short" / "too big" /
 * "too small" (`{ max }`, `{ min }`), so the message can say "hoogstens 120 tekens".
 */
export function messageParamsFor(issue: z.core.$ZodIssue): Record<string, number> {
	if (!('origin' in issue) || issue.origin !== 'string') return {};
	if (issue.code === 'too_big' && typeof issue.maximum === 'number') return { max: issue.maximum };
	if (issue.code === 'too_small' && typeof issue.minimum === 'number') return { min: issue.minimum };
	return {};
}

/** Where in the input a string holds a control character (NUL, ESC, …), as field paths. */
function controlCharacterPaths(input: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
	if (typeof input === 'string') {
		if (hasControlCharacters(input)) out.push(path.join('.') || '_');
	} else if (input && typeof input === 'object' && depth < 8 && (Array.isArray(input) || Object.getPrototypeOf(input) === Object.prototype)) {
		for (const [k, v] of Object.entries(input)) {
			if (hasControlCharacters(k)) out.push([...path, k].join('.'));
			else controlCharacterPaths(v, [...path, k], out, depth + 1);
		}
	}
	return out;
}

/**
 * Parses input with a use case's schema. On failure throws `validation.invalid` with one
 * message key per field (the first problem of each), so forms can show it next to the field,
 * and the limits those messages name in `details.fieldParams`. A malformed id whose schema says
 * `<module>.not_found` (shared/text.ts `idOf`) throws that code instead: a 404, like a missing one.
 * Control characters in any string of the input are refused before the schema runs, so a schema
 * that forgot `plainText` still cannot send NUL to PostgreSQL.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const fields: Record<string, string> = {};
	for (const path of controlCharacterPaths(input)) fields[path] ??= 'validation.control_chars';
	if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fieldParams: Record<string, Record<string, number>> = {};
	for (const issue of result.error.issues) {
		const key = messageKeyFor(issue);
		const notFoundKey = key;
		if (notFoundKey.endsWith('.not_found') && httpStatusFor(notFoundKey) === 404) throw new DomainError(notFoundKey);
		const field = issue.path.join('.') || '_';
		if (fields[field]) continue;
		fields[field] = key;
		const params = messageParamsFor(issue);
		if (Object.keys(params).length) fieldParams[field] = params;
	}
	throw new DomainError('validation.invalid', Object.keys(fieldParams).length ? { fieldParams } : {}, fields);
}

/** A field's message in the reader's language, with the limit it names (see parseInput). */
export function fieldMessage(err: DomainError, field: string, t: (key: string, values?: Record<string, unknown>) => string): string {
	const params = (err.details.fieldParams as Record<string, Record<string, number>> | undefined)?.[field] ?? {};
	return t(`errors.${err.fields[field]}`, { max: 'none', min: 'none', ...params });
}

/**
 * Scope before body: the one field of the input that names the object a use case acts on (its
 * id, or the buurtId of something new), parsed on its own with that field's schema. The use case
 * checks scope and role with it first and parses the whole input after, so a refusal (404 or
 * 403) never depends on whether the rest of the body is valid.
 */
export function parseTarget<S extends z.ZodObject, K extends keyof S['shape'] & string>(schema: S, key: K, input: unknown): z.infer<S['shape'][K]> {
	const value = input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
	const one = z.object({ [key]: schema.shape[key] as z.ZodType });
	try {
		return (parseInput(one, { [key]: value }) as Record<string, unknown>)[key] as z.infer<S['shape'][K]>;
	} catch (err) {
		// A missing or malformed target is plain bad input, not a scope question: report every
		// field's problem at once, as a form does.
		parseInput(schema, input);
		throw err;
	}
}
