/**
 * Building blocks for each module's OpenAPI part (<module>/openapi.ts), so the parts describe
 * references, errors, ids and idempotency keys the same way. api/openapi.ts assembles them.
 */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
export const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });
export const body = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
export const idempotencyHeader = {
	name: 'Idempotency-Key',
	in: 'header',
	required: false,
	description: 'A retry with the same key and the same content returns the first result; the same key with other content is a 409. 8–100 characters: letters, digits, . _ : -',
	schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,100}$' }
};
export const uuid = { type: 'string', format: 'uuid' };
export const dateTime = { type: 'string', format: 'date-time' };
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };
export const nullableString = { type: ['string', 'null'] };

/** The 4xx answers every operation can give; a module adds its own examples to each text. */
export const common4xxWith = (examples: Partial<Record<'400' | '403' | '404' | '409', string>> = {}) => ({
	'400': errorResponse(`Invalid input (field messages in error.fields)${examples['400'] ? `, ${examples['400']}` : ''}`),
	'401': errorResponse('Not logged in'),
	'403': errorResponse(examples['403'] ?? 'Not allowed for this person'),
	'404': errorResponse('Unknown, or not visible to the actor (another buurt looks the same as none)'),
	'409': errorResponse(`Conflicts with the current state${examples['409'] ? ` (${examples['409']})` : ''}, or an idempotency key reused with other content`)
});
