import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import { notify } from '../notifications';
import type { Actor } from '../people';
import { canPostCareMessage, canSeeCareRequest, loadCareViewer } from './policy';
import { hasOffer, idempotencyKeySchema, loadCareRequest, requestIdSchema } from './shared';
import { sensitiveTextProblem } from './sensitive-text';
import { careTitle } from './offers';

export const postCareMessageSchema = z.object({
	requestId: requestIdSchema,
	body: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(2000, 'validation.too_long'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * A message in the thread between the accepted helper and the care provider, while the request
 * runs. The client's address is whatever the provider chooses to write here; a BSN or a date of
 * birth is refused here too (nothing stored). The other side is told (never the text).
 * Errors: care.not_found, care.thread_closed, validation.invalid (body → care.text_has_bsn |
 * care.text_has_birth_date), care.idempotency_mismatch.
 */
export async function postCareMessage(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: number }> {
	const requestId = parseTarget(postCareMessageSchema, 'requestId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const r = await loadCareRequest(tx, requestId);
		const viewer = await loadCareViewer(tx, actor, at);
		if (!r || !canSeeCareRequest(viewer, r, await hasOffer(tx, r.id, actor.accountId))) throw new DomainError('care.not_found');
		if (!canPostCareMessage(viewer, r)) throw new DomainError('care.thread_closed');
		const v = parseInput(postCareMessageSchema, input);
		const fields: Record<string, string> = {};
		const problem = sensitiveTextProblem(v.body, at);
		if (problem) fields.body = problem;
		if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'care.message', input: v, at }, async () => {
			const [m] = await tx.query<{ id: string }>('INSERT INTO care_messages (request_id, author_id, at, body) VALUES ($1, $2, $3, $4) RETURNING id', [r.id, actor.accountId, at, v.body]);
			const other = actor.accountId === r.helper_id ? r.created_by : r.helper_id!;
			await notify(tx, { recipients: [other], type: 'care.message', subject: { kind: 'care_request', id: r.id }, params: { ...careTitle(r.need), buurt: r.buurt_name }, at });
			return { id: Number(m.id) };
		});
	});
}
