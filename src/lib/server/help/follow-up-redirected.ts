import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { staffAccountIds, type Actor } from '../people';
import { notify } from '../notifications';
import { withIdempotency } from '../shared/idempotency';
import { askerContact, loadRequest, recordHistory, safeTitle } from './engine';
import { canFollowUp, canViewRequest } from './policy';
import { idempotencyKeySchema, requestIdSchema, type HelpRequestRow } from './model';

/**
 * The corporation's follow-up of a request the supervisor redirected to it ('overige' and other
 * matters for the landlord). Until the corporation has its own reports (meldingen), staff can:
 * assign it to a staff member of the corporation, answer with a note the asker reads (on the
 * request page and as a notification), and close it (the asker sees it closed, with the note).
 * The request stays 'redirected' in the state machine; the follow-up is its own row
 * (help_follow_ups), and every step is a help_history row and an audit row, in one transaction.
 */

export const noteSchema = plainText({ error: 'help.note_required' }).trim().min(3, 'help.note_required').max(2000, 'validation.too_long');

export const assignRedirectedSchema = z.object({
	requestId: requestIdSchema,
	assigneeId: z.uuid('help.assignee_not_staff'),
	idempotencyKey: idempotencyKeySchema
});
export const answerRedirectedSchema = z.object({ requestId: requestIdSchema, note: noteSchema, idempotencyKey: idempotencyKeySchema });
/** Closing needs a note unless the asker already has one (then an empty note keeps it). */
export const closeRedirectedSchema = z.object({
	requestId: requestIdSchema,
	note: z.union([z.literal('').transform(() => undefined), noteSchema]).optional(),
	idempotencyKey: idempotencyKeySchema
});

export interface FollowUpRow {
	request_id: string;
	assignee_id: string | null;
	note: string | null;
	noted_at: Date | null;
	closed_at: Date | null;
}

export interface FollowUpResult {
	requestId: string;
	assigneeId: string | null;
	note: string | null;
	closed: boolean;
}

type Step = 'assign' | 'answer' | 'close';

/** Locks the request and its follow-up row (creating it), after the policy says yes. */
async function begin(tx: Queryable, actor: Actor, requestId: string, at: Date): Promise<{ r: HelpRequestRow; f: FollowUpRow }> {
	const r = await loadRequest(tx, requestId, { lock: true });
	if (!r || !canViewRequest(actor, r)) throw new DomainError('help.not_found');
	if (!canFollowUp(actor, r)) throw new DomainError(r.state === 'redirected' ? 'help.forbidden' : 'help.not_redirected', { state: r.state });
	await tx.query('INSERT INTO help_follow_ups (request_id, updated_at) VALUES ($1, $2) ON CONFLICT (request_id) DO NOTHING', [r.id, at]);
	const [f] = await tx.query<FollowUpRow>('SELECT request_id, assignee_id, note, noted_at, closed_at FROM help_follow_ups WHERE request_id = $1 FOR UPDATE', [r.id]);
	if (f.closed_at) throw new DomainError('help.follow_up_closed');
	return { r, f };
}

/** The history row (the asker reads it), the audit row, and the notification of one step. */
async function record(tx: Queryable, actor: Actor, r: HelpRequestRow, step: Step, at: Date, e: { reason?: string | null; recipients: string[]; details?: Record<string, unknown> }) {
	await recordHistory(tx, { requestId: r.id, at, actorId: actor.accountId, role: 'staff', action: `follow_up_${step}`, from: r.state, to: r.state, reason: e.reason ?? null, details: e.details });
	await recordAudit(tx, { at, actorId: actor.accountId, action: `help.follow_up.${step}`, subject: `help_request:${r.id}`, details: e.details ?? {} });
	await notify(tx, {
		recipients: e.recipients.filter((id) => id !== actor.accountId),
		type: 'help.follow_up',
		subject: { kind: 'help_request', id: r.id },
		params: { ...safeTitle(r), buurt: r.buurt_name, step, ...(e.reason ? { reason: e.reason } : {}) },
		at
	});
}

const result = (f: FollowUpRow): FollowUpResult => ({ requestId: f.request_id, assigneeId: f.assignee_id, note: f.note, closed: f.closed_at !== null });

const run = <T>(ctx: Ctx, actor: Actor, operation: string, v: { idempotencyKey?: string } & Record<string, unknown>, work: (tx: Queryable, at: Date) => Promise<T>) => {
	const at = ctx.clock();
	return ctx.db.transaction((tx) => withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation, input: v, at }, () => work(tx, at)));
};

/**
 * Staff of the corporation give a redirected request to one of their colleagues (or themselves);
 * the colleague is told. Errors: validation.invalid (assigneeId → help.assignee_not_staff),
 * help.not_found, help.forbidden (not staff of the corporation), help.not_redirected {state},
 * help.follow_up_closed, help.idempotency_mismatch.
 */
export async function assignRedirectedRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<FollowUpResult> {
	const v = parseInput(assignRedirectedSchema, input);
	return run(ctx, actor, 'help.follow_up.assign', v, async (tx, at) => {
		const { r } = await begin(tx, actor, v.requestId, at);
		if (!(await staffAccountIds(tx, r.corporation_id)).includes(v.assigneeId)) throw new DomainError('validation.invalid', {}, { assigneeId: 'help.assignee_not_staff' });
		const [f] = await tx.query<FollowUpRow>(
			`UPDATE help_follow_ups SET assignee_id = $2, assigned_at = $3, updated_at = $3 WHERE request_id = $1
			 RETURNING request_id, assignee_id, note, noted_at, closed_at`,
			[r.id, v.assigneeId, at]
		);
		await record(tx, actor, r, 'assign', at, { recipients: [v.assigneeId], details: { assigneeId: v.assigneeId } });
		return result(f);
	});
}

/**
 * Staff answer the asker with a note (a later note replaces the earlier one on the page; the
 * history keeps every note). The asker is told, with the note. Errors: validation.invalid (note →
 * help.note_required | validation.too_long), and those of assignRedirectedRequest.
 */
export async function answerRedirectedRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<FollowUpResult> {
	const v = parseInput(answerRedirectedSchema, input);
	return run(ctx, actor, 'help.follow_up.answer', v, async (tx, at) => {
		const { r } = await begin(tx, actor, v.requestId, at);
		const [f] = await tx.query<FollowUpRow>(
			`UPDATE help_follow_ups SET note = $2, noted_by = $3, noted_at = $4, updated_at = $4,
				assignee_id = COALESCE(assignee_id, $3), assigned_at = COALESCE(assigned_at, $4)
			 WHERE request_id = $1 RETURNING request_id, assignee_id, note, noted_at, closed_at`,
			[r.id, v.note, actor.accountId, at]
		);
		await record(tx, actor, r, 'answer', at, { reason: v.note, recipients: [askerContact(r)] });
		return result(f);
	});
}

/**
 * Staff close a redirected request: it leaves the staff's list, and the asker sees it closed with
 * the note (a new note, or the last answer). Errors: validation.invalid (note → help.note_required
 * when there is no answer yet), and those of assignRedirectedRequest.
 */
export async function closeRedirectedRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<FollowUpResult> {
	const v = parseInput(closeRedirectedSchema, input);
	return run(ctx, actor, 'help.follow_up.close', v, async (tx, at) => {
		const { r, f: before } = await begin(tx, actor, v.requestId, at);
		const note = v.note ?? before.note;
		if (!note) throw new DomainError('validation.invalid', {}, { note: 'help.note_required' });
		const [f] = await tx.query<FollowUpRow>(
			`UPDATE help_follow_ups SET note = $2, noted_by = CASE WHEN $5::boolean THEN $3 ELSE noted_by END,
				noted_at = CASE WHEN $5::boolean THEN $4 ELSE noted_at END, closed_at = $4, closed_by = $3, updated_at = $4,
				assignee_id = COALESCE(assignee_id, $3), assigned_at = COALESCE(assigned_at, $4)
			 WHERE request_id = $1 RETURNING request_id, assignee_id, note, noted_at, closed_at`,
			[r.id, note, actor.accountId, at, v.note !== undefined]
		);
		await record(tx, actor, r, 'close', at, { reason: note, recipients: [askerContact(r)] });
		return result(f);
	});
}

export interface FollowUpView {
	assigneeName: string | null;
	isMine: boolean;
	note: string | null;
	notedAt: Date | null;
	closedAt: Date | null;
	/** For staff only: the colleagues it can be given to (full names). */
	staff: { id: string; name: string }[] | null;
	/** For staff: who the assign form proposes (who has it, else the viewer). */
	defaultAssigneeId: string | null;
	canAct: boolean;
}

/**
 * The follow-up of a redirected request as the actor may see it (the asker: the note and whether
 * it is closed; staff: also who has it and the colleagues to give it to). null when the request is
 * not redirected. Errors: help.not_found.
 */
export async function getFollowUp(db: Queryable, actor: Actor, requestId: string): Promise<FollowUpView | null> {
	const r = await loadRequest(db, requestId);
	if (!r || !canViewRequest(actor, r)) throw new DomainError('help.not_found');
	if (r.state !== 'redirected') return null;
	const [f] = await db.query<FollowUpRow & { assignee_name: string | null }>(
		`SELECT f.request_id, f.assignee_id, a.name AS assignee_name, f.note, f.noted_at, f.closed_at
		 FROM help_follow_ups f LEFT JOIN accounts a ON a.id = f.assignee_id WHERE f.request_id = $1`,
		[r.id]
	);
	const staff = canFollowUp(actor, r)
		? await db.query<{ id: string; name: string }>('SELECT id, name FROM accounts WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL ORDER BY name, id', [
				await staffAccountIds(db, r.corporation_id)
			])
		: null;
	return {
		// Staff names are shown in full (they act for the corporation); the asker sees who has it.
		assigneeName: f?.assignee_name ?? null,
		isMine: !!f && f.assignee_id === actor.accountId,
		note: f?.note ?? null,
		notedAt: f?.noted_at ?? null,
		closedAt: f?.closed_at ?? null,
		staff,
		defaultAssigneeId: staff ? (f?.assignee_id ?? actor.accountId) : null,
		canAct: !!staff && !f?.closed_at
	};
}

/** Follow-up state for the staff's list of redirected requests (one query for all of them); the ids come from listCheckQueue, already scoped to the actor. */
export async function listFollowUps(db: Queryable, requestIds: string[]): Promise<Map<string, { assigneeName: string | null; answered: boolean; closed: boolean }>> {
	if (!requestIds.length) return new Map();
	const rows = await db.query<{ request_id: string; assignee_name: string | null; noted_at: Date | null; closed_at: Date | null }>(
		`SELECT f.request_id, a.name AS assignee_name, f.noted_at, f.closed_at FROM help_follow_ups f
		 LEFT JOIN accounts a ON a.id = f.assignee_id WHERE f.request_id = ANY($1::uuid[])`,
		[requestIds]
	);
	return new Map(rows.map((r) => [r.request_id, { assigneeName: r.assignee_name, answered: r.noted_at !== null, closed: r.closed_at !== null }]));
}
