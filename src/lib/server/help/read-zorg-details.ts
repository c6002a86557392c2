import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { activeSupervisorIds, loadRequest } from './engine';
import { canViewRequest, mayReadZorgWithReason } from './policy';

export const readZorgDetailsSchema = z.object({
	requestId: z.uuid('help.not_found'),
	reason: plainText({ error: 'help.zorg_reason_required' }).trim().min(5, 'help.zorg_reason_required').max(500, 'validation.too_long')
});

/**
 * Staff open the private text of a zorg request, giving a reason. The read is stored (the asker
 * sees who read it, when and why) and audited. Only while it is staff's turn: no supervisor in
 * the buurt, or the request is disputed or redirected.
 * Errors: validation.invalid (reason → help.zorg_reason_required), help.not_found, help.forbidden.
 */
export async function readZorgDetails(ctx: Ctx, actor: Actor, input: unknown): Promise<{ requestId: string }> {
	const requestId = parseTarget(readZorgDetailsSchema, 'requestId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the reason (people/scope.ts).
		const r = await loadRequest(tx, requestId);
		if (!r || !canViewRequest(actor, r)) throw new DomainError('help.not_found');
		const supervised = (await activeSupervisorIds(tx, r.buurt_id, at)).length > 0;
		if (!mayReadZorgWithReason(actor, r, supervised)) throw new DomainError('help.forbidden');
		const v = parseInput(readZorgDetailsSchema, input);
		await tx.query('INSERT INTO help_zorg_reads (request_id, reader_id, reason, at) VALUES ($1, $2, $3, $4)', [r.id, actor.accountId, v.reason, at]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'help.zorg_text_read', subject: `help_request:${r.id}`, details: { reason: v.reason }, corporationId: r.corporation_id });
		return { requestId: r.id };
	});
}

export interface ZorgRead {
	at: Date;
	readerId: string;
	readerName: string;
	reason: string;
}

/** Every recorded staff read of these requests, oldest first. */
export async function zorgReadsOf(q: Queryable, requestIds: string[]): Promise<(ZorgRead & { requestId: string })[]> {
	if (!requestIds.length) return [];
	return q.query(
		`SELECT z.request_id AS "requestId", z.at, z.reader_id AS "readerId", a.name AS "readerName", z.reason
		 FROM help_zorg_reads z JOIN accounts a ON a.id = z.reader_id WHERE z.request_id = ANY($1::uuid[]) ORDER BY z.id`,
		[requestIds]
	);
}
