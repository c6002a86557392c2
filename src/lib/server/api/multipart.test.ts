import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

/**
 * Which operations take multipart/form-data, derived from the route files themselves: a handler
 * that reads its body with apiInput (web/proposal-forms.ts) or formData() accepts multipart, and
 * the files it reads are its `files: [...]`, the JSON-text parts its `json: [...]`. The OpenAPI
 * document must say exactly that, so API clients know where they can upload.
 */

const root = 'src/routes/api/v1';
const doc = openApiDocument('http://noaber.test');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

interface Operation {
	method: string;
	path: string;
	multipart: boolean;
	files: string[];
	jsonParts: string[];
}

function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = path.join(dir, name);
		return statSync(p).isDirectory() ? routeFiles(p) : name === '+server.ts' ? [p] : [];
	});
}

const names = (list: string | undefined) => [...(list ?? '').matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]);

/** Each exported handler of each route file, with what its own code reads from the body. */
function operations(): Operation[] {
	const out: Operation[] = [];
	for (const file of routeFiles(root)) {
		const text = readFileSync(file, 'utf8');
		const apiPath = '/' + path.relative(root, path.dirname(file)).split(path.sep).join('/').replace(/\[(\w+)\]/g, '{$1}');
		const starts = [...text.matchAll(new RegExp(`export const (${METHODS.join('|')})\\b`, 'g'))];
		starts.forEach((m, i) => {
			const code = text.slice(m.index, starts[i + 1]?.index ?? text.length);
			const call = /\bapiInput\(\s*event\s*(?:,\s*(\{[^)]*\}))?\s*\)/.exec(code);
			const multipart = !!call || /\.formData\(\)/.test(code);
			out.push({
				method: m[1].toLowerCase(),
				path: apiPath === '/' ? '' : apiPath,
				multipart,
				files: names(/files:\s*\[([^\]]*)\]/.exec(call?.[1] ?? '')?.[1]),
				jsonParts: names(/json:\s*\[([^\]]*)\]/.exec(call?.[1] ?? '')?.[1])
			});
		});
	}
	return out;
}

type Schema = { type?: string | string[]; format?: string; items?: Schema; properties?: Record<string, Schema>; required?: string[]; $ref?: string };
type Content = Record<string, { schema?: Schema; encoding?: Record<string, { contentType?: string }> }>;
const deref = (s: Schema | undefined): Schema | undefined =>
	s?.$ref ? deref((doc.components.schemas as Record<string, Schema>)[s.$ref.replace('#/components/schemas/', '')]) : s;
const contentOf = (op: Operation): Content | undefined => {
	const ops = doc.paths[op.path] as Record<string, { requestBody?: { content?: Content } }> | undefined;
	return ops?.[op.method]?.requestBody?.content;
};
const isBinary = (s: Schema | undefined) => s?.format === 'binary' || s?.items?.format === 'binary';
const label = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

describe('multipart/form-data in the OpenAPI document', () => {
	const ops = operations();

	it('finds the uploads in the route files (so the scan itself works)', () => {
		const withFiles = ops.filter((o) => o.files.length).map((o) => `${label(o)} ${o.files.join(',')}`);
		expect(withFiles).toEqual(
			expect.arrayContaining(['POST /proposals photos', 'PATCH /proposals/{id} photos', 'POST /proposals/{id}/updates photos', 'POST /proposals/{id}/payments receipt'])
		);
	});

	it('is offered by every operation whose handler reads multipart, with each file as a binary field', () => {
		for (const op of ops.filter((o) => o.multipart)) {
			const multipart = contentOf(op)?.['multipart/form-data'];
			expect(multipart, `${label(op)} takes multipart`).toBeDefined();
			const schema = deref(multipart!.schema);
			for (const file of op.files) expect(isBinary(schema?.properties?.[file]), `${label(op)}: ${file} is format binary`).toBe(true);
			for (const part of op.jsonParts) expect(multipart!.encoding?.[part]?.contentType, `${label(op)}: ${part} is JSON text`).toBe('application/json');
		}
	});

	it('sits beside application/json with the same fields, unless a file is required (then JSON cannot carry it)', () => {
		for (const op of ops.filter((o) => o.multipart)) {
			const content = contentOf(op)!;
			const multipart = deref(content['multipart/form-data'].schema)!;
			const requiresFile = op.files.some((f) => multipart.required?.includes(f));
			if (requiresFile) continue;
			const json = deref(content['application/json']?.schema);
			expect(json, `${label(op)} also takes JSON`).toBeDefined();
			expect(Object.keys(multipart.properties ?? {}), `${label(op)}: the multipart fields`).toEqual(expect.arrayContaining(Object.keys(json!.properties ?? {})));
			for (const [name, prop] of Object.entries(multipart.properties ?? {})) if (!op.files.includes(name)) expect(isBinary(prop), `${label(op)}: ${name} is not a file`).toBe(false);
		}
	});

	it('is not claimed by operations whose handler reads JSON only', () => {
		for (const op of ops.filter((o) => !o.multipart)) expect(contentOf(op)?.['multipart/form-data'], `${label(op)} takes JSON only`).toBeUndefined();
	});
});
