import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { memberAccountIds, staffAccountIds, type Actor } from '../people';
import { notify, type NotificationType } from '../notifications';
import { grantReward, type RewardStatus } from './rewards';
import { decide, transitions, type HelpAction, type HelpRole } from './state-machine';
import { canViewRequest, standingOf, systemStanding } from './policy';
import { withIdempotency } from '../shared/idempotency';
import { firstName, isoDay, requestColumns, requestFrom, type HelpRequestRow, type HelpState } from './model';
import { emitWebhookEvent } from '../webhooks';

/**
 * The engine every state change goes through: lock the request row, decide with the one
 * transition table, write the new state and one history row, then the side effects (rewards,
 * notifications) — all in one transaction, so nothing is ever half-written.
 */

export async function loadRequest(q: Queryable, id: string, opts: { lock?: boolean; share?: boolean } = {}): Promise<HelpRequestRow | null> {
	// A malformed id names no request (and PostgreSQL would refuse it as a uuid: a 500).
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
	const lock = opts.lock ? 'FOR UPDATE OF r' : opts.share ? 'FOR SHARE OF r' : '';
	const [row] = await q.query<HelpRequestRow>(`SELECT ${requestColumns} ${requestFrom} WHERE r.id = $1 ${lock}`, [id]);
	return row ?? null;
}

/** The safe title for notifications and mail: a zorg request is named by its label only. */
export function safeTitle(r: Pick<HelpRequestRow, 'category' | 'zorg_label' | 'title'>): { title: string; titleKeys?: string } {
	if (r.category !== 'zorg') return { title: r.title };
	// Message keys, not text: each reader gets the label in their own language (notifications/render.ts).
	return { title: '', titleKeys: `help.category.zorg,help.zorg_label.${r.zorg_label}` };
}

/** Active supervisors of a buurt today. */
export async function activeSupervisorIds(q: Queryable, buurtId: string, today: Date): Promise<string[]> {
	const rows = await q.query<{ account_id: string }>(
		`SELECT DISTINCT account_id FROM supervisor_terms WHERE buurt_id = $1 AND approved_at IS NOT NULL AND starts_on <= $2::date AND ends_on > $2::date
		 AND (ended_early_on IS NULL OR ended_early_on > $2::date)`,
		[buurtId, isoDay(today)]
	);
	return rows.map((r) => r.account_id);
}

/**
 * Who checks a request: the buurt's active supervisors other than the asker; when there are
 * none, staff of the corporation — a request never waits unseen.
 */
export async function checkersFor(q: Queryable, r: Pick<HelpRequestRow, 'buurt_id' | 'corporation_id' | 'asker_id' | 'proxy_id'>, today: Date): Promise<string[]> {
	const supervisors = (await activeSupervisorIds(q, r.buurt_id, today)).filter((id) => id !== r.asker_id && id !== r.proxy_id);
	return supervisors.length ? supervisors : (await staffAccountIds(q, r.corporation_id)).filter((id) => id !== r.asker_id && id !== r.proxy_id);
}

/** The person who acts for the asker: the asker, or whoever asked on their behalf. */
export const askerContact = (r: Pick<HelpRequestRow, 'asker_id' | 'proxy_id'>) => r.proxy_id ?? r.asker_id!;

export async function recordHistory(
	tx: Queryable,
	e: { requestId: string; at: Date; actorId: string | null; role: HelpRole; action: string; from: HelpState | null; to: HelpState; reason?: string | null; details?: Record<string, unknown> }
) {
	await tx.query(
		`INSERT INTO help_history (request_id, at, actor_id, actor_role, action, from_state, to_state, reason, details)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		[e.requestId, e.at, e.actorId, e.role, e.action, e.from, e.to, e.reason ?? null, JSON.stringify(e.details ?? {})]
	);
}

export interface TransitionResult {
	id: string;
	state: HelpState;
	/** For confirmations: whether the rewards were paid, are waiting for a top-up, or there are none. */
	reward?: RewardStatus;
}

export interface TransitionSpec {
	action: HelpAction;
	requestId: string;
	reason?: string | null;
	idempotencyKey?: string;
	/** The validated input, for the idempotency fingerprint. */
	input: unknown;
	/** Extra checks on the locked row (after the state machine said yes). */
	check?: (r: HelpRequestRow, role: HelpRole) => void;
	/** Extra columns to set, and history details. */
	changes?: (r: HelpRequestRow, role: HelpRole, at: Date) => { set?: Record<string, unknown>; details?: Record<string, unknown> };
}

/**
 * Runs one transition for a person (actor) or for the system (actor null, from a job), in its
 * own transaction. Errors: help.not_found (unknown, or not visible to the actor: another buurt's
 * request looks the same as none), help.forbidden, help.own_request, help.own_check,
 * help.already_taken, help.already_confirmed, help.already_done, help.already_checked,
 * help.already_cancelled, help.state.conflict, help.idempotency_mismatch, plus what `check` throws.
 */
export async function runTransition(ctx: Ctx, actor: Actor | null, spec: TransitionSpec): Promise<TransitionResult> {
	const at = ctx.clock();
	return ctx.db.transaction((tx) => {
		const work = () => applyTransition(tx, actor, spec, at);
		if (!actor) return work();
		return withIdempotency(tx, { actorId: actor.accountId, key: spec.idempotencyKey, operation: `help.${spec.action}`, input: { requestId: spec.requestId, input: spec.input }, at }, work);
	});
}

/** runTransition inside a caller's transaction. */
export async function applyTransition(tx: Queryable, actor: Actor | null, spec: TransitionSpec, at: Date): Promise<TransitionResult> {
	const r = await loadRequest(tx, spec.requestId, { lock: true });
	if (!r || (actor && !canViewRequest(actor, r))) throw new DomainError('help.not_found');
	const decision = decide(spec.action, r.state, actor ? standingOf(actor, r) : systemStanding);
	if (!decision.ok) throw new DomainError(decision.code, decision.details);
	const t = transitions[spec.action];
	if (t.reason === 'required' && !spec.reason?.trim()) throw new DomainError('validation.invalid', {}, { reason: 'help.reason_required' });
	spec.check?.(r, decision.role);
	const changes = spec.changes?.(r, decision.role, at) ?? {};
	const set: Record<string, unknown> = { ...changes.set };
	const details = changes.details ?? {};
	if (decision.to === 'confirmed') set.confirmed_at = at;

	const columns = Object.keys(set);
	const assignments = columns.map((c, i) => `${c} = $${i + 4}`);
	await tx.query(
		`UPDATE help_requests SET state = $2, updated_at = $3, version = version + 1${assignments.length ? ', ' + assignments.join(', ') : ''} WHERE id = $1`,
		[r.id, decision.to, at, ...columns.map((c) => set[c])]
	);
	await recordHistory(tx, { requestId: r.id, at, actorId: actor?.accountId ?? null, role: decision.role, action: spec.action, from: r.state, to: decision.to, reason: spec.reason ?? null, details });

	const after: HelpRequestRow = { ...r, ...(set as Partial<HelpRequestRow>), state: decision.to };
	if (decision.to === 'confirmed')
		await emitWebhookEvent(tx, { type: 'help_request.completed', at, corporationId: r.corporation_id, data: { requestId: r.id, buurtId: r.buurt_id, category: after.category, how: spec.action } });
	let reward: RewardStatus | undefined;
	if ((t as { rewards?: true }).rewards) {
		reward = await grantReward(tx, {
			requestId: r.id,
			buurtId: r.buurt_id,
			corporationId: r.corporation_id,
			category: after.category,
			askerId: r.asker_id,
			supervisorId: r.checked_as === 'supervisor' ? r.checker_id : null,
			helperId: r.helper_id!,
			title: safeTitle(after),
			buurtName: r.buurt_name,
			at
		});
	}
	await notifyFor(tx, spec.action, after, actor, spec.reason ?? null, at);
	return { id: r.id, state: decision.to, ...(reward ? { reward } : {}) };
}

/** Who hears about which change (types from the notifications module). */
export async function notifyFor(tx: Queryable, action: HelpAction | 'ask', r: HelpRequestRow, actor: Actor | null, reason: string | null, at: Date) {
	const send = (type: NotificationType, recipients: (string | null)[], extra: Record<string, string> = {}) =>
		notify(tx, {
			recipients: recipients.filter((x): x is string => !!x && x !== actor?.accountId),
			type,
			subject: { kind: 'help_request', id: r.id },
			params: { ...safeTitle(r), buurt: r.buurt_name, ...(reason ? { reason } : {}), ...extra },
			at
		});
	const who: Record<string, string> = actor ? { who: firstName(actor.name) } : {};
	switch (action) {
		case 'ask':
		case 'resubmit':
			return send('help.to_check', await checkersFor(tx, r, at));
		case 'publish':
		case 'settle_reopen':
			// The asker hears it; the buurt too, for those who asked for new-request news.
			return send('help.published', [askerContact(r), ...(await memberAccountIds(tx, r.buurt_id, at)).filter((id) => id !== r.asker_id)]);
		case 'return':
		case 'reject':
		case 'release':
			return send('help.returned', [askerContact(r)], who);
		case 'redirect':
			return send('help.redirected', [askerContact(r), ...(await staffAccountIds(tx, r.corporation_id))]);
		case 'take':
			return send('help.taken', [askerContact(r)], who);
		case 'mark_done':
			return send('help.done', [askerContact(r)], who);
		case 'confirm':
		case 'auto_confirm':
		case 'settle_confirm':
			return send('help.confirmed', [r.helper_id, r.checked_as === 'supervisor' ? r.checker_id : null], action === 'confirm' ? who : {});
		case 'dispute':
			// Staff mediate. (There is no 'disputed' notification type yet: to_check is the nearest.)
			return send('help.to_check', await staffAccountIds(tx, r.corporation_id));
		case 'flag_waiting':
			return send('help.waiting', [askerContact(r), ...(await activeSupervisorIds(tx, r.buurt_id, at)), ...(await staffAccountIds(tx, r.corporation_id))]);
		default:
			return;
	}
}

