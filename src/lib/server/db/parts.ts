import { createHash } from 'node:crypto';
import type { Queryable } from './client';

/**
 * Several reads in one statement (issue 14: a page costs one round trip for who is acting and one
 * for its own data). Each module writes its read as a *part*: a scalar SQL expression — usually a
 * subquery that returns JSON — with its own `$1…$n`, and how to turn the value into its type.
 * `readTogether` numbers the parameters on and sends `SELECT (part1) AS a, (part2) AS b, …` once,
 * so the SQL stays in the module that owns the tables while a page reads everything at once.
 */
export interface ReadPart<T> {
	/** A scalar expression; null for a part known without asking (e.g. a list the actor has no right to). */
	sql: string | null;
	params: unknown[];
	read(value: unknown): T;
}

type Values<P> = { [K in keyof P]: P[K] extends ReadPart<infer T> ? T : never };

export const part = <T>(sql: string, params: unknown[], read: (value: unknown) => T): ReadPart<T> => ({ sql, params, read });

/** A part whose answer is known without the database. */
export const known = <T>(value: T): ReadPart<T> => ({ sql: null, params: [], read: () => value });

/** Turns a part's value into another (the page's shape), keeping its SQL. */
export const mapPart = <T, U>(p: ReadPart<T>, fn: (value: T) => U): ReadPart<U> => ({ sql: p.sql, params: p.params, read: (v) => fn(p.read(v)) });

/** Rows of a SELECT as one JSON array, in the SELECT's order ('[]' when there are none). */
export const jsonRows = (select: string) => `COALESCE((SELECT json_agg(x) FROM (${select}) x), '[]'::json)`;

/** JSON carries timestamps as text: these fields of each row become Dates again (null stays null). */
export function withDates<R extends object>(rows: R[], fields: readonly string[]): R[] {
	for (const r of rows as Record<string, unknown>[]) for (const f of fields) if (typeof r[f] === 'string') r[f] = new Date(r[f] as string);
	return rows;
}

/** Sends every part that needs the database in one statement (none: no statement at all). */
export async function readTogether<P extends Record<string, ReadPart<unknown>>>(q: Queryable, parts: P): Promise<Values<P>> {
	const params: unknown[] = [];
	const columns: string[] = [];
	const keys = Object.keys(parts);
	keys.forEach((key, i) => {
		const p = parts[key];
		if (p.sql === null) return;
		const offset = params.length;
		columns.push(`(${p.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)}) AS p${i}`);
		params.push(...p.params);
	});
	const sql = `SELECT ${columns.join(',\n')}`;
	// Prepared by name (its text's hash): a page's statement is planned once per connection.
	const name = `parts_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
	const [row] = columns.length ? await q.query<Record<string, unknown>>(sql, params, { name }) : [{}];
	const out: Record<string, unknown> = {};
	keys.forEach((key, i) => (out[key] = parts[key].read(parts[key].sql === null ? undefined : row[`p${i}`])));
	return out as Values<P>;
}

/** One part on its own (a list function that is also a part of a page's statement). */
export async function readPart<T>(q: Queryable, p: ReadPart<T>): Promise<T> {
	return (await readTogether(q, { p })).p;
}
