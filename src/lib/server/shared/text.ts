import { z } from 'zod';

/**
 * The zod building blocks for input at the edge, used by every module's schemas instead of bare
 * `z.string()` / `z.coerce.number()`, so bad input is a 4xx with a message next to the field and
 * never reaches PostgreSQL (which refuses NUL in text) or the page as a 500.
 */

/**
 * Control characters nobody types: C0 (except tab, newline and the carriage return forms send
 * with every newline), DEL, C1, and lone UTF-16 surrogates (not valid Unicode; Node would turn
 * them into U+FFFD silently).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasControlCharacters = (s: string) => controlCharacters.test(s);

/**
 * A string that refuses control characters (`validation.control_chars`). Chain as on z.string():
 * `plainText({ error: 'validation.required' }).trim().min(1).max(120)`.
 */
export const plainText = (params?: Parameters<typeof z.string>[0]) =>
	z.string(params).refine((s) => !hasControlCharacters(s), { message: 'validation.control_chars', abort: true });

/**
 * An id in the address or body: anything that is not a uuid is "not found" (404), the same
 * answer as an id that does not exist, so `/buurten/x/pot` is a 404 page, not a 400 or a 500.
 */
export const idOf = (notFoundCode: `${string}.not_found`) => z.uuid(notFoundCode);

/**
 * An id that must be given, as idOf, except that a missing one is `requiredCode` (a 400 next to
 * the field, "choose a buurt"), not a 404: someone who sees several buurten must name one.
 */
export const requiredIdOf = (notFoundCode: `${string}.not_found`, requiredCode: string) =>
	z.uuid({ error: (issue) => (issue.input === undefined || issue.input === null || issue.input === '' ? requiredCode : notFoundCode) });

/** A page number in the address: a whole number from 1 to `max`; missing means 1. */
export const pageNumber = (max = 10_000) =>
	z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.number('validation.type').int('validation.type').min(1).max(max).default(1));

/**
 * An opaque "older than" cursor in the address: a positive whole number below 2^53 (a ledger
 * entry or row sequence); missing or empty means the first page.
 */
export const cursorNumber = () =>
	z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.number('validation.type').int('validation.type').positive().max(Number.MAX_SAFE_INTEGER).optional());
