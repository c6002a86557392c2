import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '../api/openapi';
import { openapi } from '.';

describe('the pot part of the OpenAPI document', () => {
	it('is valid OpenAPI 3.1 together with the rest, and is part of it', async () => {
		const doc = openApiDocument('http://noaber.test');
		const result = await new Validator().validate(doc as never);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(Object.keys(openapi.paths)));
		expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Buurtpot', 'PotMovement', 'PotReversalInput', 'PotReversalResult']));
	});

	it('describes the reversal endpoint: staff, a required Idempotency-Key, transferId and reason, every refusal', () => {
		const op = (openapi.paths['/buurten/{id}/pot/reversals'] as { post: Record<string, unknown> }).post;
		expect(op.operationId).toBe('reversePotTransfer');
		const header = (op.parameters as { name: string; in: string; required: boolean }[]).find((p) => p.name === 'Idempotency-Key')!;
		expect([header.in, header.required]).toEqual(['header', true]);
		expect((openapi.schemas.PotReversalInput as { required: string[] }).required).toEqual(['transferId', 'reason']);
		const responses = JSON.stringify(op.responses);
		for (const code of ['pot.reversal_insufficient', 'pot.forbidden', 'pot.transfer_not_found', 'pot.not_reversible', 'pot.reversal_not_reversible', 'pot.already_reversed', 'pot.idempotency_mismatch'])
			expect(responses, code).toContain(code);
		const topUp = (openapi.paths['/buurten/{id}/pot/top-ups'] as { post: { parameters: { name: string; required: boolean }[] } }).post;
		expect(topUp.parameters.find((p) => p.name === 'Idempotency-Key')!.required).toBe(true);
	});

	it('describes only routes that exist, with the methods they export', async () => {
		for (const [path, ops] of Object.entries(openapi.paths)) {
			const dir = `src/routes/api/v1${path.replace(/\{(\w+)\}/g, '[$1]')}`;
			expect(existsSync(`${dir}/+server.ts`), `${dir}/+server.ts`).toBe(true);
			const source = await import(/* @vite-ignore */ `../../../../${dir}/+server.ts`);
			for (const method of Object.keys(ops as object)) expect(source, `${method.toUpperCase()} ${path}`).toHaveProperty(method.toUpperCase());
		}
	});
});
