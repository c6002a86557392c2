import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument, paths } from './openapi';

describe('the OpenAPI document at /api/v1/openapi.json', () => {
	it('is valid OpenAPI 3.1 according to a real validator', async () => {
		const result = await new Validator().validate(openApiDocument('http://noaber.test') as never);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('describes the endpoints that exist — me and buurten at least — with the methods they export', async () => {
		expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/me', '/buurten', '/buurten/{id}', '/sessions']));
		for (const [path, ops] of Object.entries(paths)) {
			const dir = `src/routes/api/v1${path.replace(/\{(\w+)\}/g, '[$1]')}`;
			expect(existsSync(`${dir}/+server.ts`), `${dir}/+server.ts`).toBe(true);
			const source = await import(/* @vite-ignore */ `../../../../${dir}/+server.ts`);
			for (const method of Object.keys(ops as object)) expect(source, `${method.toUpperCase()} ${path}`).toHaveProperty(method.toUpperCase());
		}
	});
});
