/**
 * The one error type for rule violations and bad input. The code is stable and namespaced
 * (`ledger.limit_exceeded`); it is also the message key for the user's text, and it decides
 * the HTTP status through httpStatusFor().
 */
export class DomainError extends Error {
	constructor(
		readonly code: string,
		readonly details: Record<string, unknown> = {},
		/** Per-field message codes, shown next to the field. */
		readonly fields: Record<string, string> = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}

const statusBySuffix: [RegExp, number][] = [
	[/[._](not_found|unknown)$/, 404],
	[/\.(forbidden|not_allowed)$/, 403],
	[/^auth\.(unauthenticated|required)$/, 401],
	[/\.(conflict|already_[a-z_]+|taken|idempotency_mismatch|in_use|stale)$/, 409],
	[/\.rate_limited$/, 429]
];

export function httpStatusFor(code: string): number {
	for (const [pattern, status] of statusBySuffix) if (pattern.test(code)) return status;
	return 400;
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
