import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import type { Actor } from '../people';
import { canSeeCareRequest, canWithdraw, isProviderOf, loadCareViewer } from './policy';
import { hasOffer, idempotencyKeySchema, loadCareRequest, requestIdSchema } from './shared';
import { careColumns, careFrom, DAY_MS, isoDay, THREAD_RETENTION_DAYS, type CareRequestRow } from './model';

/**
 * Closing a request, in the caller's transaction: the state, the thread (closed by the state),
 * waiting offers declined, and the helper and everyone still waiting told only that "this request
 * has ended" — never why. The note about availability is erased at once: it is not needed any more.
 */
async function closeRequest(tx: Queryable, r: CareRequestRow, reason: 'withdrawn' | 'consent_ended', by: string | null, at: Date) {
	await tx.query(`UPDATE care_requests SET state = 'closed', closed_reason = $2, closed_at = $3, closed_by = $4, availability_note = NULL WHERE id = $1`, [r.id, reason, at, by]);
	const waiting = await tx.query<{ helper_id: string }>(`UPDATE care_offers SET state = 'declined', decided_at = $2 WHERE request_id = $1 AND state = 'waiting' RETURNING helper_id`, [r.id, at]);
	const told = [...(r.helper_id ? [r.helper_id] : []), ...waiting.map((w) => w.helper_id)];
	if (told.length) await notify(tx, { recipients: told, type: 'care.ended', subject: { kind: 'care_request', id: r.id }, params: { buurt: r.buurt_name }, at });
	await recordAudit(tx, { at, actorId: by, action: reason === 'withdrawn' ? 'care.request_withdrawn' : 'care.consent_ended', subject: `care_request:${r.id}`, corporationId: r.corporation_id });
}

export const withdrawCareRequestSchema = z.object({ requestId: requestIdSchema, idempotencyKey: idempotencyKeySchema });

/**
 * The care provider ends a request at any time (the client withdrew consent, or the support is no
 * longer needed): see closeRequest. Errors: care.not_found, care.forbidden, care.closed,
 * care.idempotency_mismatch.
 */
export async function withdrawCareRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; state: 'closed' }> {
	const v = parseInput(withdrawCareRequestSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const r = await loadCareRequest(tx, v.requestId, { lock: true });
		const viewer = await loadCareViewer(tx, actor, at);
		if (!r || !canSeeCareRequest(viewer, r, await hasOffer(tx, r.id, actor.accountId))) throw new DomainError('care.not_found');
		if (!isProviderOf(viewer, r)) throw new DomainError('care.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'care.withdraw', input: v, at }, async () => {
			if (!canWithdraw(viewer, r)) throw new DomainError('care.closed');
			await closeRequest(tx, r, 'withdrawn', actor.accountId, at);
			return { id: r.id, state: 'closed' as const };
		});
	});
}

/**
 * The consent job (care.consent, hourly; idempotent): closes every request whose consent ran out
 * (reads already hide it from the day it expires), and deletes the threads of requests closed
 * more than 90 days ago. Counts only in its audit row, never content.
 */
export async function endExpiredConsents(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<{ closed: number; threadsDeleted: number }> {
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const due = await tx.query<CareRequestRow>(`SELECT ${careColumns} ${careFrom} WHERE r.state <> 'closed' AND r.consent_expires_on <= $1::date ORDER BY r.id FOR UPDATE OF r`, [isoDay(at)]);
		for (const r of due) await closeRequest(tx, r, 'consent_ended', null, at);
		const deleted = await tx.query(
			`DELETE FROM care_messages m USING care_requests r WHERE r.id = m.request_id AND r.state = 'closed' AND r.closed_at < $1 RETURNING m.id`,
			[new Date(at.getTime() - THREAD_RETENTION_DAYS * DAY_MS)]
		);
		if (due.length || deleted.length) await recordAudit(tx, { at, actorId: null, action: 'care.consent_job', details: { closed: due.length, messagesDeleted: deleted.length } });
		return { closed: due.length, threadsDeleted: deleted.length };
	});
}
