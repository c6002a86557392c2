import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { applyTransition, loadReport, runTransition, type TransitionResult } from './engine';
import { checkParty } from './parties';
import { dutchDate } from './working-days';
import { idempotencyKeySchema, isOpen, noteSchema, partySchema, reportIdSchema, DAY_MS, type ReportRow } from './model';

/**
 * What the handler does — staff of the corporation, or the partner the report is routed to (a
 * supplier accepts its work order, schedules it and closes it with a note; the municipality the
 * same): acknowledge, start (optionally on a date), resolve, and for staff reject, forward,
 * record the other party's reply, merge a duplicate, and (bulk) assign. Each step has a note the
 * reporter reads, and is one history row.
 */

const step = z.object({ reportId: reportIdSchema, note: noteSchema, idempotencyKey: idempotencyKeySchema });

export const acknowledgeReportSchema = step;
/** Picks a report up (a partner: accepts the work order). Errors: see engine.applyTransition. */
export async function acknowledgeReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(step, input);
	return runTransition(ctx, actor, {
		action: 'acknowledge', reportId: v.reportId, note: v.note, idempotencyKey: v.idempotencyKey, input: v,
		changes: (_tx, r, role, at) => ({ set: role === 'partner' && !r.accepted_at ? { accepted_at: at } : {} })
	});
}

export const startReportSchema = step.extend({ scheduledOn: z.iso.date('reports.date_invalid').optional() });
/**
 * Work starts, or is planned for a date (a second start changes the date). Errors: as
 * acknowledgeReport, validation.invalid (scheduledOn → reports.date_invalid | reports.date_in_past | reports.date_too_far).
 */
export async function startReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(startReportSchema, input);
	const today = dutchDate(ctx.clock());
	if (v.scheduledOn && v.scheduledOn < today) throw new DomainError('validation.invalid', {}, { scheduledOn: 'reports.date_in_past' });
	if (v.scheduledOn && v.scheduledOn > dutchDate(new Date(ctx.clock().getTime() + 366 * DAY_MS))) throw new DomainError('validation.invalid', {}, { scheduledOn: 'reports.date_too_far' });
	return runTransition(ctx, actor, {
		action: 'start', reportId: v.reportId, note: v.note, idempotencyKey: v.idempotencyKey, input: v,
		changes: (_tx, r, role, at) => ({
			set: { scheduled_on: v.scheduledOn ?? null, ...(role === 'partner' && !r.accepted_at ? { accepted_at: at } : {}) },
			details: v.scheduledOn ? { scheduledOn: v.scheduledOn } : {}
		})
	});
}

export const resolveReportSchema = step;
/** Done, with a note (the satisfaction question follows). Errors: as acknowledgeReport. */
export async function resolveReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(step, input);
	return runTransition(ctx, actor, { action: 'resolve', reportId: v.reportId, note: v.note, idempotencyKey: v.idempotencyKey, input: v });
}

export const rejectReportSchema = step;
/** Not handled, with the reason. Errors: as acknowledgeReport. */
export async function rejectReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(step, input);
	return runTransition(ctx, actor, { action: 'reject', reportId: v.reportId, note: v.note, idempotencyKey: v.idempotencyKey, input: v });
}

export const forwardReportSchema = step
	.extend({
		organisationId: z.uuid('reports.forward_to_required').optional(),
		forwardedTo: plainText().trim().min(2, 'reports.forward_to_required').max(120, 'validation.too_long').optional()
	})
	.refine((v) => !!v.organisationId !== !!v.forwardedTo, { path: ['forwardedTo'], message: 'reports.forward_to_required' });
/**
 * Sends the report on to another party: a partner organisation of the corporation, or a named
 * party outside Noaber; its reply is recorded later (recordReply). Errors: as acknowledgeReport,
 * validation.invalid (forwardedTo → reports.forward_to_required; organisationId → reports.party_invalid).
 */
export async function forwardReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(forwardReportSchema, input);
	return runTransition(ctx, actor, {
		action: 'forward', reportId: v.reportId, note: v.note, idempotencyKey: v.idempotencyKey, input: v,
		changes: async (tx, r) => {
			if (v.organisationId && !(await tx.query('SELECT 1 FROM organisations WHERE id = $1 AND corporation_id = $2', [v.organisationId, r.corporation_id])).length)
				throw new DomainError('validation.invalid', {}, { organisationId: 'reports.party_invalid' });
			return { set: { forwarded_to_organisation_id: v.organisationId ?? null, forwarded_to_name: v.forwardedTo ?? null }, details: { organisationId: v.organisationId ?? null, forwardedTo: v.forwardedTo ?? null } };
		}
	});
}

export const recordReplySchema = step;
/** The reply of the party a report was forwarded to, for the reporter to read. Errors: as acknowledgeReport. */
export async function recordReply(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(step, input);
	return runTransition(ctx, actor, { action: 'record_reply', reportId: v.reportId, note: v.note, idempotencyKey: v.idempotencyKey, input: v });
}

export const mergeReportSchema = step.extend({ intoId: z.uuid('reports.merge_target_invalid') });
/**
 * A duplicate is merged into another open report of the corporation: the reporter and every
 * follower and supporter of the duplicate follow the other one from now on. Both rows are
 * locked in id order. Errors: as acknowledgeReport, validation.invalid (intoId →
 * reports.merge_target_invalid: itself, closed, or another corporation's).
 */
export async function mergeReport(ctx: Ctx, actor: Actor, input: unknown): Promise<TransitionResult> {
	const v = parseInput(mergeReportSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction((tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'reports.merge', input: v, at }, async () => {
			await tx.query('SELECT id FROM reports WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[v.reportId, v.intoId]]);
			return applyTransition(tx, actor, {
				action: 'merge', reportId: v.reportId, note: v.note, input: v,
				changes: async (q, r) => {
					const target = await loadReport(q, v.intoId);
					if (!target || target.id === r.id || target.corporation_id !== r.corporation_id || !isOpen(target.state)) throw new DomainError('validation.invalid', {}, { intoId: 'reports.merge_target_invalid' });
					return { set: { merged_into_id: target.id }, details: { intoId: target.id }, after: () => carryFollowers(q, r, target, at) };
				}
			}, at);
		})
	);
}

async function carryFollowers(q: Queryable, from: ReportRow, into: ReportRow, at: Date) {
	await q.query(
		`INSERT INTO report_followers (report_id, account_id, supports, since)
		 SELECT $2::uuid, account_id, supports, since FROM report_followers WHERE report_id = $1::uuid AND account_id IS DISTINCT FROM $4::uuid
		 UNION ALL SELECT $2::uuid, $3::uuid, true, $5::timestamptz WHERE $3::uuid IS NOT NULL AND $3::uuid IS DISTINCT FROM $4::uuid
		 ON CONFLICT (report_id, account_id) DO UPDATE SET supports = report_followers.supports OR EXCLUDED.supports`,
		[from.id, into.id, from.reporter_id, into.reporter_id, at]
	);
}

export const assignReportsSchema = z.object({
	reportIds: z.array(z.uuid('reports.not_found'), 'validation.type').min(1, 'validation.required').max(100, 'validation.too_big'),
	party: partySchema,
	idempotencyKey: idempotencyKeySchema
});

/**
 * Staff give one or many reports (the queue's bulk assign) to a team, a colleague, a supplier or
 * the municipality; the new handler is told. All or nothing, in one transaction (rows locked in
 * id order); an error names the report it is about (details.reportId). Errors: validation.invalid
 * (party → reports.party_invalid), reports.not_found, reports.forbidden, reports.closed.
 */
export async function assignReports(ctx: Ctx, actor: Actor, input: unknown): Promise<{ assigned: number }> {
	const v = parseInput(assignReportsSchema, input);
	const ids = [...new Set(v.reportIds)].sort();
	const at = ctx.clock();
	return ctx.db.transaction((tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'reports.assign', input: v, at }, async () => {
			await tx.query('SELECT id FROM reports WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
			for (const id of ids) {
				try {
					await applyTransition(tx, actor, {
						action: 'assign', reportId: id, input: v,
						changes: async (q, r) => {
							const p = await checkParty(q, r.corporation_id, v.party);
							return { set: { party_kind: p.party_kind, team_id: p.team_id, assignee_id: p.staff_id, organisation_id: p.organisation_id }, details: { party: v.party } };
						}
					}, at);
				} catch (e) {
					if (e instanceof DomainError) throw new DomainError(e.code, { ...e.details, reportId: id }, e.fields);
					throw e;
				}
			}
			return { assigned: ids.length };
		})
	);
}
