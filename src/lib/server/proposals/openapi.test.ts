import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '../api/openapi';
import { paths } from './openapi';

describe('the proposals part of the OpenAPI document', () => {
	it('is valid OpenAPI 3.1 together with the rest', async () => {
		const validator = new Validator();
		const result = await validator.validate(openApiDocument('http://noaber.test') as unknown as Parameters<Validator['validate']>[0]);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(Object.keys(openApiDocument('http://noaber.test').paths)).toEqual(expect.arrayContaining(Object.keys(paths)));
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
