import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '../api/openapi';
import { paths } from './openapi';

describe('the rounds part of the OpenAPI document', () => {
	it('is valid OpenAPI 3.1 together with the rest, and included in it', async () => {
		const doc = openApiDocument('http://noaber.test');
		const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		for (const path of Object.keys(paths)) expect(doc.paths, path).toHaveProperty([path]);
	});

	it('describes only routes that exist, with the methods they export', async () => {
		for (const [path, ops] of Object.entries(paths)) {
			const dir = `src/routes/api/v1${path.replace(/\{(\w+)\}/g, '[$1]')}`;
			expect(existsSync(`${dir}/+server.ts`), `${dir}/+server.ts`).toBe(true);
			const source = await import(/* @vite-ignore */ `../../../../${dir}/+server.ts`);
			for (const method of Object.keys(ops as object)) expect(source, `${method.toUpperCase()} ${path}`).toHaveProperty(method.toUpperCase());
		}
	});
});
