import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import type { Actor } from '../people';
import { canAcceptOffer, canOffer, canSeeCareRequest, isProviderOf, loadCareViewer } from './policy';
import { hasOffer, idempotencyKeySchema, loadCareRequest, requestIdSchema } from './shared';
import { effectiveState } from './model';

export const offerHelpSchema = z.object({ requestId: requestIdSchema, idempotencyKey: idempotencyKeySchema });

/** What the notifications of a care request say: its need, in the reader's language (message keys). */
export const careTitle = (need: string) => ({ title: '', titleKeys: `care.need.${need}` });

/**
 * A vetted helper of the buurt offers to help with an open request (once). The care provider is
 * told. Someone who is not a vetted helper of that buurt cannot see the request, so for them it
 * does not exist: care.not_found — and nothing is stored. Errors: care.not_found,
 * care.already_offered, care.forbidden (the provider themself), care.idempotency_mismatch.
 */
export async function offerHelp(ctx: Ctx, actor: Actor, input: unknown): Promise<{ offerId: string }> {
	const v = parseInput(offerHelpSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const r = await loadCareRequest(tx, v.requestId, { lock: true });
		const viewer = await loadCareViewer(tx, actor, at);
		const offered = r ? await hasOffer(tx, r.id, actor.accountId) : false;
		if (!r || !canSeeCareRequest(viewer, r, offered)) throw new DomainError('care.not_found');
		if (offered && effectiveState(r, at) === 'open') throw new DomainError('care.already_offered');
		if (!canOffer(viewer, r, offered)) throw new DomainError(isProviderOf(viewer, r) ? 'care.forbidden' : 'care.closed');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'care.offer', input: v, at }, async () => {
			const [o] = await tx.query<{ id: string }>(`INSERT INTO care_offers (request_id, helper_id, state, created_at) VALUES ($1, $2, 'waiting', $3) RETURNING id`, [r.id, actor.accountId, at]);
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'care.offer_made', subject: `care_request:${r.id}`, corporationId: r.corporation_id });
			await notify(tx, { recipients: [r.created_by], type: 'care.offer', subject: { kind: 'care_request', id: r.id }, params: { ...careTitle(r.need), buurt: r.buurt_name }, at });
			return { offerId: o.id };
		});
	});
}

export const acceptOfferSchema = z.object({ requestId: requestIdSchema, offerId: z.uuid('care.offer_not_found'), idempotencyKey: idempotencyKeySchema });

/**
 * The care provider accepts one waiting offer: the request is matched, the helper and the
 * provider can now talk in the thread, the other offers are declined (those helpers are told only
 * that the request has ended). Errors: care.not_found, care.forbidden (not its provider),
 * care.offer_not_found, care.closed (matched already, withdrawn or consent ended),
 * care.idempotency_mismatch.
 */
export async function acceptOffer(ctx: Ctx, actor: Actor, input: unknown): Promise<{ requestId: string; helperId: string }> {
	const requestId = parseTarget(acceptOfferSchema, 'requestId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const r = await loadCareRequest(tx, requestId, { lock: true });
		const viewer = await loadCareViewer(tx, actor, at);
		if (!r || !canSeeCareRequest(viewer, r, await hasOffer(tx, r.id, actor.accountId))) throw new DomainError('care.not_found');
		if (!isProviderOf(viewer, r)) throw new DomainError('care.forbidden');
		const v = parseInput(acceptOfferSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'care.accept', input: v, at }, async () => {
			if (!canAcceptOffer(viewer, r)) throw new DomainError('care.closed');
			const [o] = await tx.query<{ helper_id: string }>(`SELECT helper_id FROM care_offers WHERE id = $1 AND request_id = $2 AND state = 'waiting' FOR UPDATE`, [v.offerId, r.id]);
			if (!o) throw new DomainError('care.offer_not_found');
			await tx.query(`UPDATE care_offers SET state = 'accepted', decided_at = $2 WHERE id = $1`, [v.offerId, at]);
			const others = await tx.query<{ helper_id: string }>(`UPDATE care_offers SET state = 'declined', decided_at = $2 WHERE request_id = $1 AND state = 'waiting' RETURNING helper_id`, [r.id, at]);
			await tx.query(`UPDATE care_requests SET state = 'matched', helper_id = $2, matched_at = $3 WHERE id = $1`, [r.id, o.helper_id, at]);
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'care.offer_accepted', subject: `care_request:${r.id}`, corporationId: r.corporation_id, details: { helperId: o.helper_id } });
			const subject = { kind: 'care_request' as const, id: r.id };
			await notify(tx, { recipients: [o.helper_id], type: 'care.accepted', subject, params: { ...careTitle(r.need), buurt: r.buurt_name }, at });
			if (others.length) await notify(tx, { recipients: others.map((x) => x.helper_id), type: 'care.ended', subject, params: { buurt: r.buurt_name }, at });
			return { requestId: r.id, helperId: o.helper_id };
		});
	});
}
