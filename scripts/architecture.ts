import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The module shape, as rules a test can check (scripts/architecture.test.ts). Each folder or file
 * directly under src/lib/server is a "unit" with a layer; arrows point down only:
 *
 *   infrastructure (shared, db, config, log, mail)
 *   ← audit, places, photos ← auth ← people ← ledger, notifications      (base modules)
 *   ← help, counting, board ← pot, reports ← proposals, open311, voice ← activities, rounds ← posters (feature modules)
 *   ← demo, job-registry, runtime                                 (registries: list every module)
 *   ← web, api, src/routes                                        (edges)
 *
 * A module with an index.ts is entered only through it; infrastructure has no door. Tests are
 * clients: they may import any layer, but also only through doors (and test-fixtures files).
 */
export const layers: Record<string, number> = {
	shared: 0,
	db: 0,
	config: 0,
	log: 0,
	mail: 0,
	audit: 1,
	places: 1,
	photos: 1,
	auth: 2,
	people: 3,
	ledger: 4,
	notifications: 4,
	help: 5,
	board: 5,
	counting: 5,
	pot: 6,
	reports: 6,
	proposals: 7,
	open311: 7,
	// Stem van de buurt reads help's participation and people's organisations; nothing below reads it.
	voice: 7,
	activities: 8,
	rounds: 8,
	// The stairwell poster reads people, activities and places: above all of them.
	posters: 8.5,
	demo: 9,
	'job-registry': 9,
	runtime: 9,
	web: 10,
	api: 10,
	routes: 11,
	hooks: 11
};
const INFRA = 0;
const REGISTRY = 9;
const EDGE = 10;

export interface SourceFile {
	/** Path relative to the repository root, with forward slashes. */
	path: string;
	text: string;
}

export interface Violation {
	file: string;
	rule: 'layer' | 'door' | 'cycle' | 'kit' | 'sql' | 'unknown-unit' | 'size';
	detail: string;
}

const SERVER = 'src/lib/server/';
const isTest = (path: string) => /\.test\.ts$|(^|\/)test-[\w-]*\.ts$|fixtures\.ts$/.test(path);
const isFixture = (path: string) => /(^|\/)test-[\w-]*\.ts$|fixtures\.ts$/.test(path);

/** The unit a file belongs to: 'help' for src/lib/server/help/x.ts, 'routes' for src/routes/… */
export function unitOf(path: string): string | null {
	if (path.startsWith('src/routes/')) return 'routes';
	if (path === 'src/hooks.server.ts') return 'hooks';
	if (!path.startsWith(SERVER)) return null;
	const first = path.slice(SERVER.length).split('/')[0];
	return first.replace(/\.(test\.)?ts$/, '');
}

/** Import specifiers of a file (static, dynamic, and type-only), without comments. */
export function importsOf(text: string): string[] {
	const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	const out: string[] = [];
	for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) out.push(m[1]);
	return out;
}

/** Resolves an import specifier to a repository path, or null for packages. */
export function resolveImport(from: string, spec: string, fileExists: (p: string) => boolean): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = 'src/lib/' + spec.slice(5);
	else if (spec.startsWith('.')) base = join(dirname(from), spec).split(sep).join('/');
	else return null;
	for (const ext of ['', '.ts', '.js', '/index.ts', '.svelte']) if (fileExists(base + ext)) return base + ext;
	return base;
}

const SQL = /(['"`])\s*(SELECT\s[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/i;

/** Checks every rule over a set of files; `hasDoor(unit)` says whether the unit has an index.ts. */
export function checkShape(files: SourceFile[], hasDoor: (unit: string) => boolean, maxLines = 400): Violation[] {
	const violations: Violation[] = [];
	const paths = new Set(files.map((f) => f.path));
	const graph = new Map<string, Set<string>>();
	for (const f of files) {
		const unit = unitOf(f.path);
		const lines = f.text.split('\n').length;
		if (lines > maxLines) violations.push({ file: f.path, rule: 'size', detail: `${lines} lines (at most ${maxLines})` });
		if (unit === null) continue;
		const rank = layers[unit];
		if (rank === undefined) {
			violations.push({ file: f.path, rule: 'unknown-unit', detail: `"${unit}" has no layer in architecture.ts` });
			continue;
		}
		const test = isTest(f.path);
		if (rank < EDGE && !test && importsOf(f.text).includes('@sveltejs/kit')) violations.push({ file: f.path, rule: 'kit', detail: 'imports @sveltejs/kit below the edges (put it in web/)' });
		if (rank >= EDGE && !test && SQL.test(f.text)) violations.push({ file: f.path, rule: 'sql', detail: 'SQL in an edge: call a use case or query of a module' });
		for (const spec of importsOf(f.text)) {
			const target = resolveImport(f.path, spec, (p) => paths.has(p));
			if (!target) continue;
			const to = unitOf(target);
			if (!to || to === unit || layers[to] === undefined) continue;
			if (!test && rank < EDGE) {
				if (layers[to] > rank || (layers[to] === rank && rank !== INFRA && rank !== REGISTRY)) violations.push({ file: f.path, rule: 'layer', detail: `${unit} (layer ${rank}) imports ${to} (layer ${layers[to]}): ${spec}` });
				if (!graph.has(unit)) graph.set(unit, new Set());
				graph.get(unit)!.add(to);
			}
			const door = `${SERVER}${to}/index.ts`;
			if (hasDoor(to) && target !== door && !(test && isFixture(target))) violations.push({ file: f.path, rule: 'door', detail: `imports ${target} instead of ${to}'s index.ts` });
		}
	}
	for (const cycle of cyclesOf(graph)) violations.push({ file: cycle[0], rule: 'cycle', detail: cycle.join(' → ') });
	return violations;
}

function cyclesOf(graph: Map<string, Set<string>>): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const walk = (n: string, path: string[]) => {
		state.set(n, 'open');
		for (const m of graph.get(n) ?? []) {
			if (state.get(m) === 'open') cycles.push([...path.slice(path.indexOf(m)), m]);
			else if (!state.has(m)) walk(m, [...path, m]);
		}
		state.set(n, 'done');
	};
	for (const n of graph.keys()) if (!state.has(n)) walk(n, [n]);
	return cycles;
}

/** Every .ts and .svelte file under src/, read from disk. */
export function readSources(root: string): SourceFile[] {
	const out: SourceFile[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const p = join(dir, name);
			if (statSync(p).isDirectory()) walk(p);
			else if (/\.(ts|svelte)$/.test(name)) out.push({ path: relative(root, p).split(sep).join('/'), text: readFileSync(p, 'utf8') });
		}
	};
	walk(resolve(root, 'src'));
	return out;
}

export const doorOnDisk = (root: string) => (unit: string) => existsSync(resolve(root, SERVER, unit, 'index.ts'));
