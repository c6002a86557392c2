import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The route tree as the matrix sees it, read from src/routes (not from a hand list, so a new
 * route shows up here by itself and fails the matrix until it has a row):
 *   `PAGE /path`             every +page.svelte (with or without a +page.server.ts)
 *   `ACTION /path?/name`     every key of `export const actions` (`default` → `ACTION /path`)
 *   `GET /path` (etc.)       every method a +server.ts exports
 * Route groups `(app)` are dropped; params stay as written (`[id]`).
 */
const root = path.resolve('src/routes');

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = path.join(dir, name);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

const routePath = (file: string) =>
	'/' +
	path
		.relative(root, path.dirname(file))
		.split(path.sep)
		.filter((s) => s && !/^\(.*\)$/.test(s))
		.join('/');

/** The keys of the `actions` object literal of a +page.server.ts (top-level keys only). */
export function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const open = source.indexOf('{', start);
	const names: string[] = [];
	let depth = 0;
	let line = '';
	for (let i = open; i < source.length; i++) {
		const c = source[i];
		if (c === '\n') line = '';
		else line += c;
		// A key at depth 1 at the start of a line: `\tname:` (checked before the bracket counts)
		if (depth === 1) {
			const m = /^\s+([A-Za-z_$][\w$]*)\s*:$/.exec(line);
			if (m) names.push(m[1]);
		}
		if (c === '{' || c === '(' || c === '[') depth++;
		if (c === '}' || c === ')' || c === ']') depth--;
		if (depth === 0) break;
	}
	return [...new Set(names)];
}

export interface RouteTree {
	pages: string[];
	actions: string[];
	endpoints: string[];
}

export function routeTree(): RouteTree {
	const files = walk(root);
	const pages = files.filter((f) => f.endsWith('+page.svelte')).map((f) => `PAGE ${routePath(f)}`);
	const actions = files
		.filter((f) => f.endsWith('+page.server.ts'))
		.flatMap((f) => actionNames(readFileSync(f, 'utf8')).map((n) => (n === 'default' ? `ACTION ${routePath(f)}` : `ACTION ${routePath(f)}?/${n}`)));
	const endpoints = files
		.filter((f) => f.endsWith('+server.ts'))
		.flatMap((f) =>
			[...readFileSync(f, 'utf8').matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${routePath(f)}`)
		);
	return { pages: pages.sort(), actions: actions.sort(), endpoints: endpoints.sort() };
}

/** The operations of the served OpenAPI document, as `METHOD /api/v1/path/[param]` keys. */
export function openApiOperations(doc: { servers?: { url: string }[]; paths: Record<string, Record<string, unknown>> }): string[] {
	const base = new URL(doc.servers?.[0]?.url ?? 'http://x/api/v1').pathname.replace(/\/$/, '');
	const ops: string[] = [];
	for (const [p, item] of Object.entries(doc.paths))
		for (const m of Object.keys(item))
			if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) ops.push(`${m.toUpperCase()} ${base}${p.replace(/\{(\w+)\}/g, '[$1]')}`);
	return ops.sort();
}
