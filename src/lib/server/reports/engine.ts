import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { notify, withdrawNotifications, type NotificationType } from '../notifications';
import { decide, transitions, type ReportAction, type ReportRole } from './state-machine';
import { canViewReport, rolesOf, systemRoles } from './policy';
import { handlerAccountIds } from './parties';
import { closedStates, reportColumns, reportFrom, type ReportRow, type ReportState } from './model';
import { emitWebhookEvent } from '../webhooks';

/**
 * The engine every change of a report goes through: lock the report row, decide with the one
 * transition table, write the new state and one history row (with the note the reporter reads),
 * then notify — all in the caller's transaction, so nothing is ever half-written.
 */

export async function loadReport(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ReportRow | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const [row] = await q.query<ReportRow>(`SELECT ${reportColumns} ${reportFrom} WHERE r.id = $1 ${opts.lock ? 'FOR UPDATE OF r' : ''}`, [id]);
	return row ?? null;
}

export async function isFollower(q: Queryable, reportId: string, accountId: string): Promise<boolean> {
	return (await q.query('SELECT 1 FROM report_followers WHERE report_id = $1 AND account_id = $2', [reportId, accountId])).length > 0;
}

/** The row as the actor may reach it, else reports.not_found (another buurt's report looks like none). */
export async function reportFor(q: Queryable, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<ReportRow> {
	const r = await loadReport(q, id, opts);
	if (!r || !canViewReport(actor, r, await isFollower(q, r.id, actor.accountId))) throw new DomainError('reports.not_found');
	return r;
}

export interface HistoryEntry {
	reportId: string;
	at: Date;
	actorId: string | null;
	role: ReportRole;
	action: ReportAction | 'create';
	from: ReportState | null;
	to: ReportState;
	note?: string | null;
	details?: Record<string, unknown>;
}

/** Appends one history row; the caller holds the report's row lock, so seq is safe. */
export async function recordHistory(tx: Queryable, e: HistoryEntry): Promise<void> {
	await tx.query(
		`INSERT INTO report_history (report_id, seq, at, actor_id, actor_role, action, from_state, to_state, note, details)
		 VALUES ($1, (SELECT COALESCE(max(seq), 0) + 1 FROM report_history WHERE report_id = $1), $2, $3, $4, $5, $6, $7, $8, $9)`,
		[e.reportId, e.at, e.actorId, e.role, e.action, e.from, e.to, e.note ?? null, JSON.stringify(e.details ?? {})]
	);
}

export interface TransitionResult {
	id: string;
	state: ReportState;
}

export interface TransitionSpec {
	action: ReportAction;
	reportId: string;
	note?: string | null;
	idempotencyKey?: string;
	/** The validated input, for the idempotency fingerprint. */
	input: unknown;
	/** Extra checks on the locked row, after the state machine said yes (may read the database). */
	check?: (tx: Queryable, r: ReportRow, role: ReportRole) => Promise<void> | void;
	/** Extra columns to set, and history details. */
	changes?: (tx: Queryable, r: ReportRow, role: ReportRole, at: Date) => Promise<Changes> | Changes;
}
export interface Changes {
	set?: Record<string, unknown>;
	details?: Record<string, unknown>;
	/** After the update, in the same transaction (moving followers on a merge). */
	after?: () => Promise<void>;
}

/** Runs one transition for a person (or the system, actor null) in its own transaction. */
export async function runTransition(ctx: Ctx, actor: Actor | null, spec: TransitionSpec): Promise<TransitionResult> {
	const at = ctx.clock();
	return ctx.db.transaction((tx) => {
		const work = () => applyTransition(tx, actor, spec, at);
		if (!actor) return work();
		return withIdempotency(tx, { actorId: actor.accountId, key: spec.idempotencyKey, operation: `reports.${spec.action}`, input: { reportId: spec.reportId, input: spec.input }, at }, work);
	});
}

/**
 * runTransition inside a caller's transaction. Errors: reports.not_found, reports.forbidden,
 * reports.not_new, reports.not_resolved, reports.closed, reports.withdrawn,
 * reports.state_conflict, validation.invalid (note → reports.note_required), plus what `check` throws.
 */
export async function applyTransition(tx: Queryable, actor: Actor | null, spec: TransitionSpec, at: Date): Promise<TransitionResult> {
	const r = actor ? await reportFor(tx, actor, spec.reportId, { lock: true }) : await loadReport(tx, spec.reportId, { lock: true });
	if (!r) throw new DomainError('reports.not_found');
	const decision = decide(spec.action, r.state, actor ? rolesOf(actor, r) : systemRoles);
	if (!decision.ok) throw new DomainError(decision.code, decision.details);
	const t = transitions[spec.action] as { note: string; responds?: true };
	if (t.note === 'required' && !spec.note?.trim()) throw new DomainError('validation.invalid', {}, { note: 'reports.note_required' });
	await spec.check?.(tx, r, decision.role);
	const changes = (await spec.changes?.(tx, r, decision.role, at)) ?? {};
	const set: Record<string, unknown> = { ...changes.set };
	if (t.responds && !r.first_response_at && decision.role !== 'reporter') set.first_response_at = at;
	if (decision.to !== r.state) {
		if (closedStates.includes(decision.to)) set.closed_at = at;
		else if (r.closed_at) set.closed_at = null;
		if (decision.to === 'resolved') set.resolved_at = at;
	}
	const columns = Object.keys(set);
	await tx.query(
		`UPDATE reports SET state = $2, updated_at = $3, version = version + 1${columns.map((c, i) => `, ${c} = $${i + 4}`).join('')} WHERE id = $1`,
		[r.id, decision.to, at, ...columns.map((c) => set[c])]
	);
	await recordHistory(tx, { reportId: r.id, at, actorId: actor?.accountId ?? null, role: decision.role, action: spec.action, from: r.state, to: decision.to, note: spec.note ?? null, details: changes.details });
	await changes.after?.();
	const after = { ...r, ...(set as Partial<ReportRow>), state: decision.to };
	// A work order taken from an organisation (assigned or forwarded elsewhere): its people may no
	// longer open the report, so what they were told about it is taken back (no dead inbox link).
	if (r.organisation_id && after.organisation_id !== r.organisation_id) {
		const former = await tx.query<{ account_id: string }>('SELECT account_id FROM partner_staff WHERE organisation_id = $1', [r.organisation_id]);
		await withdrawNotifications(tx, { kind: 'report', id: r.id }, former.map((f) => f.account_id));
	}
	await notifyFor(tx, spec.action, after, actor, spec.note ?? null, at);
	await emitWebhookEvent(tx, { type: 'melding.changed', at, corporationId: r.corporation_id, data: { reportId: r.id, action: spec.action, from: r.state, state: decision.to } });
	return { id: r.id, state: decision.to };
}

export async function followerIds(q: Queryable, reportId: string): Promise<string[]> {
	return (await q.query<{ account_id: string }>('SELECT account_id FROM report_followers WHERE report_id = $1', [reportId])).map((f) => f.account_id);
}

/**
 * Who hears about which change: the reporter and followers every step with its note
 * (report.update); the handler a report routed or assigned to them (report.assigned), a
 * reopened one (report.reopened) and an overdue one (report.overdue). The title is the
 * category's family in the reader's language — never the text (a nuisance report names nobody).
 */
export async function notifyFor(tx: Queryable, action: ReportAction | 'create', r: ReportRow, actor: Pick<Actor, 'accountId'> | null, note: string | null, at: Date): Promise<void> {
	const send = (type: NotificationType, recipients: (string | null)[]) =>
		notify(tx, {
			recipients: recipients.filter((x): x is string => !!x && x !== actor?.accountId),
			type,
			subject: { kind: 'report', id: r.id },
			params: { title: '', titleKeys: `reports.defaults.${r.category_kind}.name`, buurt: r.buurt_name, step: action, ...(note ? { reason: note } : {}) },
			at
		});
	const handlers = () => handlerAccountIds(tx, r.corporation_id, r);
	switch (action) {
		case 'create':
		case 'assign':
			return send('report.assigned', await handlers());
		case 'reopen':
			return send('report.reopened', await handlers());
		case 'flag_overdue':
			return send('report.overdue', await handlers());
		case 'edit':
			return;
		default:
			return send('report.update', [r.reporter_id, ...(await followerIds(tx, r.id))]);
	}
}
