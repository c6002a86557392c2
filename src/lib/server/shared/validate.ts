import type { z } from 'zod';
import { DomainError } from './errors';

/** A message key is namespaced and has no spaces: `places.invalid_postcode`. */
const isKey = (m: string) => /^[a-z_]+\.[a-z0-9_.]+$/.test(m);

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
 * Parses input with a use case's schema. On failure throws `validation.invalid` with one
 * message key per field (the first problem of each), so forms can show it next to the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const field = issue.path.join('.') || '_';
		fields[field] ??= messageKeyFor(issue);
	}
	throw new DomainError('validation.invalid', {}, fields);
}
