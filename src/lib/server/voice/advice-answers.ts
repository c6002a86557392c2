import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { idOf } from '../shared/text';
import type { Actor } from '../people';
import { addDays, answerPositions, checkbox, dutchDay, REPLY_DAYS, replyOutcomes, text } from './listen-model';
import { canAnswer, canClose, canReply, canSetPublication, isBoardOf, seesAdvice, type AdviceFacts } from './listen-policy';
import { areaNameSql } from './listen-area';
import { tellAssociation, tellStaff } from './advice-notices';

/**
 * The steps after sending, each under a row lock on the request (so two board members answering
 * at once give one answer and one 409):
 * 1. the association answers: its position, its advice and the reasons, and whether the
 *    corporation's reply may be shown to the members of the area;
 * 2. the corporation replies with reasons: follows the advice, partly, or not (required — the
 *    reasoned reply; the database refuses a reply without an answer);
 * 3. staff close the request, which is possible only after the reply (also a database check).
 * The association may change its publication choice at any time after answering.
 */

interface LockedRequest extends AdviceFacts {
	id: string;
	subject: string;
	area_name: string;
	sent_by: string;
}

/** The request, locked, when the actor sees it; else listen.not_found. */
async function lockRequest(tx: Queryable, actor: Actor, id: string): Promise<LockedRequest> {
	const [r] = await tx.query<LockedRequest>(
		`SELECT r.id, r.corporation_id, r.organisation_id, r.answered_at, r.replied_at, r.closed_at, r.subject, r.sent_by, ${areaNameSql('r')} AS area_name
		 FROM voice_advice_requests r WHERE r.id = $1 FOR UPDATE`,
		[id]
	);
	if (!r || !seesAdvice(actor, r)) throw new DomainError('listen.not_found');
	return r;
}

const facts = (r: LockedRequest) => ({ id: r.id, organisationId: r.organisation_id, subject: r.subject, areaName: r.area_name, corporationId: r.corporation_id, sentBy: r.sent_by });
const requestId = idOf('listen.not_found');

export const answerAdviceSchema = z.object({
	requestId,
	position: z.enum(answerPositions, 'listen.position_required'),
	advice: text(8000, 'listen.advice_required'),
	reasons: text(8000, 'listen.reasons_required'),
	publishReply: checkbox.default(false)
});

/**
 * A board member of the association answers. Errors: listen.not_found (not theirs),
 * listen.forbidden (staff: they reply instead), listen.already_answered (409), validation.invalid.
 */
export async function answerAdviceRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const id = parseTarget(answerAdviceSchema, 'requestId', input);
	return ctx.db.transaction(async (tx) => {
		const r = await lockRequest(tx, actor, id);
		if (!canAnswer(actor, r)) throw new DomainError(isBoardOf(actor, r.organisation_id) ? 'listen.already_answered' : 'listen.forbidden');
		const v = parseInput(answerAdviceSchema, input);
		const at = ctx.clock();
		await tx.query(
			`UPDATE voice_advice_requests SET answer_position = $2, answer_advice = $3, answer_reasons = $4, answered_by = $5, answered_at = $6, publish_reply = $7, reply_due_on = $8 WHERE id = $1`,
			[id, v.position, v.advice, v.reasons, actor.accountId, at, v.publishReply, addDays(dutchDay(at), REPLY_DAYS)]
		);
		await tellStaff(tx, facts(r), 'advice.answered', at);
		return { id };
	});
}

export const replyAdviceSchema = z.object({
	requestId,
	outcome: z.enum(replyOutcomes, 'listen.outcome_required'),
	reasons: text(8000, 'listen.reasons_required').pipe(z.string().min(10, 'listen.reasons_too_short'))
});

/**
 * Staff give the corporation's reasoned reply to the association's answer. Errors:
 * listen.not_found, listen.forbidden (the association), listen.not_answered (409: nothing to
 * reply to yet), listen.already_replied (409), validation.invalid (outcome, reasons).
 */
export async function replyToAdvice(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const id = parseTarget(replyAdviceSchema, 'requestId', input);
	return ctx.db.transaction(async (tx) => {
		const r = await lockRequest(tx, actor, id);
		if (!canReply(actor, r)) {
			if (seesOnlyAsAssociation(actor, r)) throw new DomainError('listen.forbidden');
			throw new DomainError(r.replied_at ? 'listen.already_replied' : 'listen.not_answered');
		}
		const v = parseInput(replyAdviceSchema, input);
		const at = ctx.clock();
		await tx.query('UPDATE voice_advice_requests SET reply_outcome = $2, reply_reasons = $3, replied_by = $4, replied_at = $5 WHERE id = $1', [id, v.outcome, v.reasons, actor.accountId, at]);
		await tellAssociation(tx, facts(r), 'advice.replied', at);
		return { id };
	});
}

const seesOnlyAsAssociation = (actor: Actor, r: AdviceFacts) => !actor.staff.some((s) => s.corporationId === r.corporation_id);

export const closeAdviceSchema = z.object({ requestId });

/**
 * Staff close a request once the corporation replied. Errors: listen.not_found,
 * listen.forbidden, listen.reply_required (409: never without a reasoned reply),
 * listen.already_closed (409).
 */
export async function closeAdviceRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const id = parseTarget(closeAdviceSchema, 'requestId', input);
	return ctx.db.transaction(async (tx) => {
		const r = await lockRequest(tx, actor, id);
		if (!canClose(actor, r)) {
			if (seesOnlyAsAssociation(actor, r)) throw new DomainError('listen.forbidden');
			throw new DomainError(r.closed_at ? 'listen.already_closed' : 'listen.reply_required');
		}
		await tx.query('UPDATE voice_advice_requests SET closed_at = $2, closed_by = $3 WHERE id = $1', [id, ctx.clock(), actor.accountId]);
		return { id };
	});
}

export const publicationSchema = z.object({ requestId, publishReply: checkbox });

/**
 * The association chooses whether the corporation's reply is shown to the members of the area.
 * Errors: listen.not_found, listen.forbidden (staff, or before the association answered).
 */
export async function setAdvicePublication(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; publishReply: boolean }> {
	const id = parseTarget(publicationSchema, 'requestId', input);
	return ctx.db.transaction(async (tx) => {
		const r = await lockRequest(tx, actor, id);
		if (!canSetPublication(actor, r)) throw new DomainError('listen.forbidden');
		const v = parseInput(publicationSchema, input);
		await tx.query('UPDATE voice_advice_requests SET publish_reply = $2 WHERE id = $1', [id, v.publishReply]);
		return { id, publishReply: v.publishReply };
	});
}
