import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { recordAudit } from '../audit';
import { recordCareSessionHelp, type RewardStatus } from '../help';
import type { Actor } from '../people';
import { canLogSession, canSeeCareRequest, isProviderOf, loadCareViewer } from './policy';
import { hasOffer, idempotencyKeySchema, loadCareRequest, requestIdSchema } from './shared';
import { isoDay, maxSessions, zorgLabelOf } from './model';

export const logCareSessionSchema = z.object({
	requestId: requestIdSchema,
	sessionOn: z.iso.date('care.session_date_required'),
	minutes: z.coerce.number('care.minutes_invalid').int('care.minutes_invalid').min(5, 'care.minutes_invalid').max(600, 'care.minutes_invalid'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * The care provider records a completed session (date, minutes) of the matched helper. It counts
 * as Superbuurt help in the zorg category: help makes it a confirmed zorg request and pays its
 * reward into the buurtpot through the one reward path (help/care-sessions.ts), in the same
 * transaction. At most one session a day, and no more than the duration allows (once: 1, weekly
 * for N weeks: N). Errors: care.not_found, care.forbidden (not its provider), care.closed (not
 * matched, withdrawn or consent ended), care.sessions_full, care.session_exists, validation.invalid
 * (sessionOn → care.session_date_future | care.session_before_match | care.session_after_consent;
 * minutes → care.minutes_invalid), care.idempotency_mismatch.
 */
export async function logCareSession(ctx: Ctx, actor: Actor, input: unknown): Promise<{ sessionId: string; helpRequestId: string; reward: RewardStatus }> {
	const requestId = parseTarget(logCareSessionSchema, 'requestId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const r = await loadCareRequest(tx, requestId, { lock: true });
		const viewer = await loadCareViewer(tx, actor, at);
		if (!r || !canSeeCareRequest(viewer, r, await hasOffer(tx, r.id, actor.accountId))) throw new DomainError('care.not_found');
		if (!isProviderOf(viewer, r)) throw new DomainError('care.forbidden');
		const v = parseInput(logCareSessionSchema, input);
		if (!canLogSession(viewer, r)) throw new DomainError('care.closed');
		const fields: Record<string, string> = {};
		if (v.sessionOn > isoDay(at)) fields.sessionOn = 'care.session_date_future';
		else if (r.matched_at && v.sessionOn < isoDay(r.matched_at)) fields.sessionOn = 'care.session_before_match';
		else if (v.sessionOn >= r.consent_expires_on) fields.sessionOn = 'care.session_after_consent';
		if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'care.session', input: v, at }, async () => {
			const existing = await tx.query<{ session_on: string }>(`SELECT to_char(session_on, 'YYYY-MM-DD') AS session_on FROM care_sessions WHERE request_id = $1`, [r.id]);
			if (existing.some((s) => s.session_on === v.sessionOn)) throw new DomainError('care.session_exists');
			if (existing.length >= maxSessions(r)) throw new DomainError('care.sessions_full', { max: maxSessions(r) });
			const help = await recordCareSessionHelp(tx, {
				buurtId: r.buurt_id,
				corporationId: r.corporation_id,
				buurtName: r.buurt_name,
				zorgLabel: zorgLabelOf[r.need],
				helperId: r.helper_id!,
				providerId: actor.accountId,
				sessionOn: v.sessionOn,
				minutes: v.minutes,
				at
			});
			const [s] = await tx.query<{ id: string }>(
				`INSERT INTO care_sessions (request_id, helper_id, session_on, minutes, logged_by, logged_at, help_request_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
				[r.id, r.helper_id, v.sessionOn, v.minutes, actor.accountId, at, help.helpRequestId]
			);
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'care.session_logged', subject: `care_request:${r.id}`, corporationId: r.corporation_id, details: { minutes: v.minutes, reward: help.reward } });
			return { sessionId: s.id, helpRequestId: help.helpRequestId, reward: help.reward };
		});
	});
}
