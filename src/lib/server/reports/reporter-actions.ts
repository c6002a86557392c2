import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { questionsOf } from './categories';
import { checkAnswers } from './answers';
import { descriptionSchema } from './create-report';
import { reportFor, runTransition, type TransitionResult } from './engine';
import { isReporterOf } from './policy';
import { dueDateFor } from './working-days';
import { DAY_MS, idempotencyKeySchema, noteSchema, optionalNoteSchema, REOPEN_DAYS, reportIdSchema } from './model';

/** What the reporter does: change or withdraw their report while it is new, reopen it, say how it went. */

export const editReportSchema = z.object({
	reportId: reportIdSchema,
	description: descriptionSchema.optional(),
	answers: z.record(z.string(), z.unknown(), 'validation.type').optional(),
	hideName: z.boolean('validation.type').optional(),
	idempotencyKey: idempotencyKeySchema
});

/**
 * The reporter changes the text, the answers (all of them, checked again) or whether their name
 * shows, while nobody has picked the report up. The history keeps which fields changed. Errors:
 * validation.invalid (description, answers.<code>), reports.not_found, reports.forbidden (not the
 * reporter), reports.not_new.
 */
export async function editReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(editReportSchema, input);
	return runTransition(ctx, actor, {
		action: 'edit',
		reportId: v.reportId,
		idempotencyKey: v.idempotencyKey,
		input: v,
		changes: async (tx, r) => {
			const set: Record<string, unknown> = {};
			if (v.description !== undefined) set.description = v.description;
			if (v.hideName !== undefined) set.hide_reporter_name = v.hideName;
			if (v.answers !== undefined) {
				const { answers, fields } = checkAnswers(await questionsOf(tx, [r.category_id]), v.answers);
				if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
				set.answers = JSON.stringify(answers);
			}
			return { set, details: { fields: Object.keys(set) } };
		}
	});
}

export const withdrawReportSchema = z.object({ reportId: reportIdSchema, note: optionalNoteSchema, idempotencyKey: idempotencyKeySchema });

/** The reporter withdraws a report nobody picked up yet. Errors: reports.not_found, reports.forbidden, reports.not_new. */
export async function withdrawReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(withdrawReportSchema, input);
	return runTransition(ctx, actor, { action: 'withdraw', reportId: v.reportId, note: v.note ?? null, idempotencyKey: v.idempotencyKey, input: v });
}

export const reopenReportSchema = z.object({ reportId: reportIdSchema, note: noteSchema, idempotencyKey: idempotencyKeySchema });

/**
 * "Klopt niet": the reporter reopens a resolved report within 14 days, saying what is still
 * wrong; the handler is told (report.reopened). The report is due again after the category's
 * working days from now. Errors: validation.invalid (note → reports.note_required),
 * reports.not_found, reports.forbidden, reports.not_resolved, reports.reopen_too_late.
 */
export async function reopenReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(reopenReportSchema, input);
	return runTransition(ctx, actor, {
		action: 'reopen',
		reportId: v.reportId,
		note: v.note,
		idempotencyKey: v.idempotencyKey,
		input: v,
		check: (_tx, r) => {
			if (r.resolved_at && r.resolved_at.getTime() + REOPEN_DAYS * DAY_MS < ctx.clock().getTime()) throw new DomainError('reports.reopen_too_late', { days: REOPEN_DAYS });
		},
		changes: (_tx, r, _role, at) => ({ set: { due_on: dueDateFor(at, r.sla_working_days), overdue_at: null } })
	});
}

export const answerSatisfactionSchema = z.object({
	reportId: reportIdSchema,
	score: z.coerce.number('reports.score_invalid').int('reports.score_invalid').min(1, 'reports.score_invalid').max(5, 'reports.score_invalid'),
	comment: plainText().trim().max(1000, 'validation.too_long').optional(),
	idempotencyKey: idempotencyKeySchema
});

/**
 * After a report is resolved its reporter answers one question: how satisfied (1–5), with a
 * comment. Once per report. A 1 or 2 offers reopening while that is still possible. Errors:
 * validation.invalid (score → reports.score_invalid), reports.not_found, reports.forbidden (not
 * the reporter), reports.not_resolved, reports.already_answered.
 */
export async function answerSatisfaction(ctx: Ctx, actor: Actor, input: unknown): Promise<{ reportId: string; score: number; offerReopen: boolean }> {
	const v = parseInput(answerSatisfactionSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'reports.satisfaction', input: v, at }, async () => {
			const r = await reportFor(tx, actor, v.reportId, { lock: true });
			if (!isReporterOf(actor, r)) throw new DomainError('reports.forbidden');
			if (r.state !== 'resolved') throw new DomainError('reports.not_resolved', { state: r.state });
			const [row] = await tx.query(
				'INSERT INTO report_satisfaction (report_id, score, comment, answered_at) VALUES ($1, $2, $3, $4) ON CONFLICT (report_id) DO NOTHING RETURNING report_id',
				[r.id, v.score, v.comment || null, at]
			);
			if (!row) throw new DomainError('reports.already_answered');
			const canReopen = !!r.resolved_at && r.resolved_at.getTime() + REOPEN_DAYS * DAY_MS >= at.getTime();
			return { reportId: r.id, score: v.score, offerReopen: v.score <= 2 && canReopen };
		})
	);
}
