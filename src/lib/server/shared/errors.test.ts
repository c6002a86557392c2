import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nl from '../../../../messages/nl.json';
import en from '../../../../messages/en.json';
import { translator } from '$lib/i18n';
import { apiErrorBody } from '../web/api';
import { DomainError, httpStatusFor, statusByCode } from './errors';

/*
 * Scans the whole src tree (any folder, so modules can move) for the error codes the code can
 * produce, and checks them against the status table and both message catalogues:
 * - thrown codes: the first argument of `new DomainError(…)`, followed through helpers
 *   (`fileError('x')`, `getBuurtRef(q, id, 'x')`), local constants and lookup objects,
 *   decisions (`{ ok: false, code: … }` read as `decision.code`) and idempotency
 *   (`operation: 'ns.op'` gives `ns.idempotency_mismatch`);
 * - message keys: the other arguments of `new DomainError(…)` (field and detail codes),
 *   `code: 'x.y'` properties, and zod messages (`z.uuid('x.y')`, `.max(3, 'x.y')`,
 *   `{ error: 'x.y' }`, `message: 'x.y'`, messageKeyFor's returns) in files that use zod;
 * - compared codes: `err.code === 'x.y'`, which must exist.
 * A DomainError whose code the scan cannot follow fails the test: teach the scan the pattern.
 */

/** Codes in the table that the code does not throw yet (a colleague's change is on its way). */
const pending = new Set<string>([]);

const srcRoot = fileURLToPath(new URL('../../../', import.meta.url));
const KEY = String.raw`[a-z_][a-z0-9_]*\.[a-z0-9_.]*[a-z0-9_]`;
const keyLiteral = new RegExp(String.raw`(?<!\bt\()(?<before>[{,]\s*)?(['"])(?<key>${KEY})\2(?<after>\s*:)?`, 'g');

interface Source {
	file: string;
	text: string;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = path.join(dir, f);
		if (statSync(p).isDirectory()) return sourceFiles(p);
		return /\.(ts|svelte)$/.test(f) && !/\.(test|spec)\.ts$/.test(f) ? [p] : [];
	});
}

/** Blanks comments and the inside of regex literals (keeping line numbers), so neither is read as code. */
function stripComments(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; ) {
		const c = text[i];
		const two = text.slice(i, i + 2);
		if (c === "'" || c === '"' || c === '`') {
			const end = skipString(text, i);
			out += text.slice(i, end);
			i = end;
		} else if (two === '//' || two === '/*') {
			const end = two === '//' ? text.indexOf('\n', i) : text.indexOf('*/', i) + 2;
			const stop = end < (two === '//' ? 0 : 2) ? text.length : end;
			out += text.slice(i, stop).replace(/[^\n]/g, ' ');
			i = stop;
		} else if (c === '/' && /[(,=:[!&|?{};]\s*$|return\s*$/.test(out.slice(-20))) {
			let j = i + 1;
			for (let inClass = false; j < text.length && text[j] !== '\n' && (inClass || text[j] !== '/'); j++) {
				if (text[j] === '\\') j++;
				else if (text[j] === '[') inClass = true;
				else if (text[j] === ']') inClass = false;
			}
			out += '/' + 'x'.repeat(Math.max(0, j - i - 1)) + '/';
			i = j + 1;
		} else {
			out += c;
			i++;
		}
	}
	return out;
}

const sources: Source[] = sourceFiles(srcRoot).map((file) => ({ file: path.relative(srcRoot, file), text: (file.endsWith('.ts') ? stripComments : String)(readFileSync(file, 'utf8')) }));
const where = (s: Source, at: number) => `${s.file}:${s.text.slice(0, at).split('\n').length}`;
/** Key-shaped strings in an expression, except in t('…') and property names (`{ 'wijk.code': … }`). */
const literals = (expr: string) => [...expr.matchAll(keyLiteral)].filter((m) => !(m.groups!.before !== undefined && m.groups!.after)).map((m) => m.groups!.key);

/** Skips a string or template literal starting at i; returns the index after it. */
function skipString(text: string, i: number): number {
	const quote = text[i];
	for (let j = i + 1; j < text.length; j++) {
		if (text[j] === '\\') j++;
		else if (text[j] === quote) return j + 1;
	}
	return text.length;
}

/** The top-level pieces from `from` until the bracket that closes the current level (or `stop` at depth 0). */
function split(text: string, from: number, stop = /[,;]/, angles = false): { parts: string[]; end: number } {
	const parts: string[] = [];
	let depth = 0;
	let start = from;
	let i = from;
	while (i < text.length) {
		const c = text[i];
		if (c === "'" || c === '"' || c === '`') {
			i = skipString(text, i);
			continue;
		}
		if ('([{'.includes(c) || (angles && c === '<')) depth++;
		else if (')]}'.includes(c) || (angles && c === '>' && text[i - 1] !== '=')) {
			if (depth === 0) break;
			depth--;
		} else if (depth === 0 && stop.test(c)) {
			if (c !== ',') break;
			parts.push(text.slice(start, i));
			start = i + 1;
		}
		i++;
	}
	parts.push(text.slice(start, i));
	return { parts: parts.map((p) => p.trim()).filter((p, n, all) => p !== '' || n < all.length - 1), end: i };
}

/** The arguments of the call whose `(` is at `open`. */
const argsAt = (text: string, open: number, angles = false) => split(text, open + 1, /,/, angles).parts;
/** The expression starting at `from` (up to `,` `;` or a closing bracket). */
const exprAt = (text: string, from: number) => split(text, from).parts[0] ?? '';
/** What lies between the bracket at `open` and the one that closes it. */
const inside = (text: string, open: number) => text.slice(open + 1, split(text, open + 1, /(?!)/).end);
const callsOf = (fn: string) => new RegExp(String.raw`(?<![\w.])${fn}\(`, 'g');

const paramName = (param: string) => /^(?:\.\.\.)?(\w+)/.exec(param)?.[1];

interface Declaration {
	at: number;
	kind: 'const' | 'param';
	expr: string;
	fn?: string;
	index?: number;
	exported?: boolean;
}

/** The nearest declaration of `name` before `at`: `const name = …`, or a parameter of a function or arrow. */
function declarationOf(s: Source, name: string, at: number): Declaration | undefined {
	let best: Declaration | undefined;
	const before = s.text.slice(0, at);
	for (const m of before.matchAll(new RegExp(String.raw`\b(?:const|let)\s+${name}\s*(?::[^=]+)?=\s*`, 'g')))
		best = { at: m.index, kind: 'const', expr: exprAt(s.text, m.index + m[0].length) };
	const header = /(export\s+)?(?:(?:async\s+)?function\s+(\w+)\s*(?:<[^>]*>)?\s*\(|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?\()/g;
	for (const m of before.matchAll(header)) {
		if (best && best.at > m.index) continue;
		const params = argsAt(s.text, m.index + m[0].length - 1, true);
		const index = params.findIndex((p) => paramName(p) === name);
		if (index >= 0) best = { at: m.index, kind: 'param', expr: params[index], fn: m[2] ?? m[3], index, exported: !!m[1] };
	}
	return best;
}

/** The key-shaped strings an expression can be, or null when the scan cannot tell. */
function resolve(expr: string, s: Source, at: number, depth = 0): string[] | null {
	expr = expr.replace(/\s+as\s+\w+$/, '').trim();
	const found = literals(expr);
	if (found.length) return found;
	if (depth > 4) return null;
	const template = /^`\$\{\w+\}\.(\w+)`$/.exec(expr);
	if (template) {
		const namespaces = sources.flatMap((o) => [...o.text.matchAll(/\boperation:\s*['"`]([a-z_]+)\./g)].map((m) => m[1]));
		return [...new Set(namespaces)].map((ns) => `${ns}.${template[1]}`);
	}
	if (/^\w+\.code$/.test(expr)) return decisionCodes();
	// parseInput throws the `<module>.not_found` message of a malformed id (z.uuid / idOf).
	if (expr === 'notFoundKey') return [...new Set(sources.flatMap((o) => [...o.text.matchAll(/\b(?:z\.uuid|idOf)\('([a-z_][a-z0-9_]*\.not_found)'/g)].map((m) => m[1])))];
	if (!/^\w+$/.test(expr)) return null;
	const decl = declarationOf(s, expr, at);
	if (!decl) return null;
	if (decl.kind === 'const') {
		const lookup = /^(\w+)\[/.exec(decl.expr);
		if (lookup) {
			const table = new RegExp(String.raw`\bconst\s+${lookup[1]}\s*(?::[^=]+)?=\s*\{`).exec(s.text);
			return table ? [...inside(s.text, table.index + table[0].length - 1).matchAll(new RegExp(String.raw`:\s*'(${KEY})'`, 'g'))].map((m) => m[1]) : null;
		}
		return resolve(decl.expr, s, decl.at, depth + 1);
	}
	// A helper's parameter: what its callers pass in that position (and its default).
	const fallback = /^[^=]*=(?!>)(.*)$/s.exec(decl.expr)?.[1];
	const out = (fallback && resolve(fallback, s, at, depth + 1)) || [];
	for (const call of callersOf(decl, s)) out.push(...(resolve(call.arg, call.source, call.at, depth + 1) ?? []));
	return out;
}

/** The arguments callers pass for a helper's parameter (the same file, or all for an exported helper). */
function* callersOf(decl: Declaration, s: Source) {
	for (const source of decl.exported ? sources : [s]) {
		for (const m of source.text.matchAll(callsOf(decl.fn!))) {
			const arg = argsAt(source.text, m.index + m[0].length - 1)[decl.index!];
			if (arg !== undefined) yield { source, at: m.index, arg };
		}
	}
}

/** Keys built in a template from a parameter, e.g. `proposals.${prefix}_invalid` with centsSchema('cost'). */
function templateKeys(s: Source): string[] {
	const out: string[] = [];
	for (const m of s.text.matchAll(/`([a-z_][a-z0-9_]*\.[a-z0-9_]*)\$\{(\w+)\}([a-z0-9_]*)`/g)) {
		const decl = declarationOf(s, m[2], m.index);
		if (decl?.kind !== 'param') continue;
		for (const call of callersOf(decl, s)) {
			const word = /^'([a-z0-9_]+)'$/.exec(call.arg);
			if (word) out.push(m[1] + word[1] + m[3]);
		}
	}
	return out;
}

/** Codes of `{ ok: false, code: … }` decisions, a literal or what a named function returns. */
function decisionCodes(): string[] {
	const out: string[] = [];
	for (const s of sources) {
		for (const m of s.text.matchAll(/\bok:\s*false,\s*code:\s*/g)) {
			const expr = exprAt(s.text, m.index + m[0].length);
			const call = /^(\w+)\(/.exec(expr);
			const fn = call && new RegExp(String.raw`function\s+${call[1]}\s*\([^)]*\)[^{]*\{`).exec(s.text);
			const body = fn ? inside(s.text, fn.index + fn[0].length - 1) : '';
			out.push(...(fn ? [...body.matchAll(/\breturn\s+/g)].flatMap((r) => literals(exprAt(body, r.index + r[0].length))) : literals(expr)));
		}
	}
	return out;
}

type Found = Map<string, Set<string>>;
const add = (map: Found, codes: string[], at: string) => codes.forEach((c) => map.set(c, (map.get(c) ?? new Set()).add(at)));

function scan() {
	const thrown: Found = new Map();
	const keys: Found = new Map();
	const compared: Found = new Map();
	const unresolved: string[] = [];
	for (const s of sources) {
		for (const m of s.text.matchAll(/\bnew DomainError\(/g)) {
			const at = where(s, m.index);
			const [code = '', ...rest] = argsAt(s.text, m.index + m[0].length - 1);
			const codes = resolve(code, s, m.index);
			if (codes?.length) add(thrown, codes, at);
			else unresolved.push(`${at}: new DomainError(${code}, …)`);
			add(keys, rest.flatMap(literals), at);
			for (const v of (rest[1] ?? '').matchAll(/:\s*([A-Za-z_]\w*)\s*(?=[,}])/g)) {
				const fieldKeys = resolve(v[1], s, m.index);
				if (fieldKeys?.length) add(keys, fieldKeys, at);
				else unresolved.push(`${at}: field message ${v[1]}`);
			}
		}
		for (const m of s.text.matchAll(new RegExp(String.raw`\bcode:\s*'(${KEY})'`, 'g'))) add(keys, [m[1]], where(s, m.index));
		for (const m of s.text.matchAll(new RegExp(String.raw`\.code\s*===\s*'(${KEY})'`, 'g'))) add(compared, [m[1]], where(s, m.index));
		if (/from 'zod'/.test(s.text)) {
			// Messages as method arguments (`z.uuid('x.y')`, `.max(3, 'x.y')`), as `error:`/`message:`, or returned plainly.
			for (const m of s.text.matchAll(/\.(?!t\()\w+\(/g)) {
				const direct = argsAt(s.text, m.index + m[0].length - 1).filter((a) => /^'[^']*'$/.test(a));
				add(keys, direct.flatMap(literals), where(s, m.index));
			}
			add(keys, templateKeys(s), s.file);
			for (const m of s.text.matchAll(/\b(?:error|message):\s*|\breturn\s+/g)) {
				const expr = exprAt(s.text, m.index + m[0].length);
				if (m[0].startsWith('return') && /[({]/.test(expr)) continue;
				add(keys, literals(expr), where(s, m.index));
			}
		}
	}
	return { thrown, keys, compared, unresolved };
}

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
	Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
const report = (map: Found, codes: string[]) => codes.map((c) => `${c}  (${[...(map.get(c) ?? [])].join(', ')})`);

describe('error codes', () => {
	const { thrown, keys, compared, unresolved } = scan();
	const table = new Set(Object.keys(statusByCode));
	const nlKeys = new Set(flatten(nl as Tree));
	const enKeys = new Set(flatten(en as Tree));

	it('can follow every DomainError in src to the codes it throws', () => {
		expect(unresolved, 'DomainErrors with a code the scan cannot follow; add the pattern to errors.test.ts').toEqual([]);
		expect(thrown.size).toBeGreaterThan(100);
		expect(keys.size).toBeGreaterThan(100);
	});

	it('has a status for every code that is thrown or compared', () => {
		const missing = [...thrown.keys(), ...compared.keys()].filter((c) => !table.has(c));
		expect(report(new Map([...compared, ...thrown]), [...new Set(missing)].sort()), 'codes without a row in statusByCode (shared/errors.ts)').toEqual([]);
	});

	it('has no rows for codes that nothing throws', () => {
		const dead = [...table].filter((c) => !thrown.has(c) && !pending.has(c));
		expect(dead, 'rows in statusByCode that no DomainError in src throws').toEqual([]);
	});

	it('has a Dutch and an English message errors.<code> for every code and field message', () => {
		const all = new Map([...keys, ...thrown]);
		for (const c of pending) all.set(c, new Set(['pending']));
		const codes = [...all.keys()].sort();
		expect(report(all, codes.filter((c) => !nlKeys.has(`errors.${c}`))), 'missing in messages/nl.json').toEqual([]);
		expect(report(all, codes.filter((c) => !enKeys.has(`errors.${c}`))), 'missing in messages/en.json').toEqual([]);
	});

	it('reads the status from the table', () => {
		expect(new Set(Object.values(statusByCode))).toEqual(new Set([400, 401, 403, 404, 409, 413, 429, 503]));
		expect(httpStatusFor('proposals.status_conflict')).toBe(409);
		expect(httpStatusFor('auth.unauthenticated')).toBe(401);
		expect(httpStatusFor('proposals.body_too_large')).toBe(413);
		expect(httpStatusFor('validation.invalid')).toBe(400);
		expect(httpStatusFor('no.such_code'), 'unknown codes cannot pass the scan above; if one does, it is bad input').toBe(400);
	});

	it('renders a JSON error with the message and the field messages in the caller\'s language', () => {
		const err = new DomainError('validation.invalid', {}, { email: 'validation.email' });
		expect(apiErrorBody(err, translator('nl'))).toEqual({
			error: { code: 'validation.invalid', message: 'Niet alles is goed ingevuld.', fields: { email: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.' } }
		});
		expect(apiErrorBody(err, translator('en')).error.fields?.email).toMatch(/email address/);
		expect(apiErrorBody(new DomainError('supervise.full', { max: 3 }), translator('en'))).toEqual({
			error: { code: 'supervise.full', message: 'This neighbourhood already has 3 supervisors. That is the maximum.', details: { max: 3 } }
		});
		expect(apiErrorBody(new DomainError('auth.unauthenticated'), translator('en'))).toEqual({ error: { code: 'auth.unauthenticated', message: 'Please log in first.' } });
	});
});
