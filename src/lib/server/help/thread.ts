import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { formatAddress } from '../places';
import type { Actor } from '../people';
import { canPostMessage, canViewRequest } from './policy';
import { askerContact, loadRequest, safeTitle } from './engine';
import { notify } from '../notifications';
import type { Queryable } from '../db/client';
import { withIdempotency } from '../shared/idempotency';
import { checkMayPost } from '../moderation';
import { firstName, idempotencyKeySchema, requestIdSchema, type HelpRequestRow } from './model';

/**
 * The message thread between asker and helper. No phone number or address is ever shown unless
 * the person shares it themselves (shareAddress posts their own address as a message).
 */

/**
 * Tells the other side of the thread that there is a new message. Never the message itself: a
 * zorg thread's details stay on the request page (and the title is the fixed label).
 */
async function notifyOtherSide(tx: Queryable, r: HelpRequestRow, actor: Actor, at: Date) {
	const fromHelper = actor.accountId === r.helper_id;
	await notify(tx, {
		recipients: (fromHelper ? [askerContact(r)] : [r.helper_id]).filter((id): id is string => !!id && id !== actor.accountId),
		type: 'help.message',
		subject: { kind: 'help_request', id: r.id },
		params: { ...safeTitle(r), buurt: r.buurt_name, who: firstName(actor.name) },
		at
	});
}

export const postHelpMessageSchema = z.object({
	requestId: requestIdSchema,
	body: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(2000, 'validation.too_long'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * Adds a message to the thread. Errors: validation.invalid (body), help.not_found,
 * help.thread_closed (the request has no helper or is over), help.forbidden (not asker or helper),
 * help.idempotency_mismatch, moderation.suspended (403: suspended from posting).
 */
export async function postHelpMessage(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: number }> {
	const v = parseInput(postHelpMessageSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// FOR SHARE: the state cannot change under the message (e.g. a concurrent settle).
		const r = await loadRequest(tx, v.requestId, { share: true });
		if (!r || !canViewRequest(actor, r)) throw new DomainError('help.not_found');
		if (!canPostMessage(actor, r)) {
			const participant = actor.accountId === r.asker_id || actor.accountId === r.proxy_id || actor.accountId === r.helper_id;
			throw new DomainError(participant ? 'help.thread_closed' : 'help.forbidden');
		}
		// A member suspended from posting is refused with the end date; the form keeps the text (moderation).
		await checkMayPost(tx, actor, r.corporation_id, at);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'help.message', input: v, at }, async () => {
			const [m] = await tx.query<{ id: number }>(
				`INSERT INTO help_messages (request_id, author_id, at, kind, body) VALUES ($1, $2, $3, 'text', $4) RETURNING id`,
				[r.id, actor.accountId, at, v.body]
			);
			await notifyOtherSide(tx, r, actor, at);
			return { id: Number(m.id) };
		});
	});
}

export const shareAddressSchema = z.object({ requestId: requestIdSchema, idempotencyKey: idempotencyKeySchema });

/**
 * The person chooses to share their own address with the other side of the thread.
 * Errors: help.not_found, help.forbidden, help.thread_closed, help.no_address.
 */
export async function shareMyAddress(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: number }> {
	const v = parseInput(shareAddressSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const r = await loadRequest(tx, v.requestId, { share: true });
		if (!r || !canViewRequest(actor, r)) throw new DomainError('help.not_found');
		if (!canPostMessage(actor, r)) {
			const participant = actor.accountId === r.asker_id || actor.accountId === r.proxy_id || actor.accountId === r.helper_id;
			throw new DomainError(participant ? 'help.thread_closed' : 'help.forbidden');
		}
		const units = actor.memberships.filter((m) => m.buurtId === r.buurt_id).map((m) => m.unitId);
		const [unit] = await tx.query<{ street: string; house_number: number; addition: string; postcode: string }>(
			'SELECT street, house_number, addition, postcode FROM units WHERE id = ANY($1::uuid[]) ORDER BY street, house_number LIMIT 1',
			[units]
		);
		if (!unit) throw new DomainError('help.no_address');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'help.share_address', input: v, at }, async () => {
			const [m] = await tx.query<{ id: number }>(
				`INSERT INTO help_messages (request_id, author_id, at, kind, body) VALUES ($1, $2, $3, 'shared_address', $4) RETURNING id`,
				[r.id, actor.accountId, at, `${formatAddress(unit)}, ${unit.postcode}`]
			);
			await notifyOtherSide(tx, r, actor, at);
			return { id: Number(m.id) };
		});
	});
}
