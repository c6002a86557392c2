import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import { isStaffOf, staffCorporationIds, type Actor } from '../people';
import { MAX_DECISION_NOTE, MAX_SUSPENSION_DAYS, itemIdSchema, noteSchema, reasonSchema } from './model';
import { canSanction } from './policy';
import { tellMemberSanction } from './notices';

/**
 * Warnings and suspensions (staff only), and the check every form that publishes text runs first.
 * A suspension stops a member from posting (board posts and replies, comments, thread messages)
 * in the buurten of that corporation until its end; reading, voting and helping go on.
 */

/**
 * Call inside the content module's transaction, before it writes: refuses a suspended member
 * with `moderation.suspended` (403, `until` in the details for the message, so the form shows
 * the date and keeps the text), and notes that the person has now seen the house rules (the
 * forms show the rules in full only before a first post).
 */
export async function checkMayPost(tx: Queryable, actor: Actor, corporationId: string, at: Date): Promise<void> {
	const [s] = await tx.query<{ ends_at: Date }>(
		`SELECT ends_at FROM moderation_suspensions WHERE account_id = $1 AND corporation_id = $2 AND lifted_at IS NULL AND starts_at <= $3 AND ends_at > $3 ORDER BY ends_at DESC LIMIT 1`,
		[actor.accountId, corporationId, at]
	);
	if (s) throw new DomainError('moderation.suspended', { until: new Date(s.ends_at).getTime() });
	await tx.query('INSERT INTO moderation_rules_seen (account_id, corporation_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [actor.accountId, corporationId, at]);
}

/** The end of the actor's running suspension in this corporation, or null (for a page that wants to say so up front). */
export async function suspendedUntil(q: Queryable, actor: Actor, corporationId: string, at: Date): Promise<Date | null> {
	const [s] = await q.query<{ ends_at: Date }>(
		`SELECT ends_at FROM moderation_suspensions WHERE account_id = $1 AND corporation_id = $2 AND lifted_at IS NULL AND starts_at <= $3 AND ends_at > $3 ORDER BY ends_at DESC LIMIT 1`,
		[actor.accountId, corporationId, at]
	);
	return s ? new Date(s.ends_at) : null;
}

export const sanctionSchema = z.object({
	/** The reported item whose author is meant: staff act on a person through what they wrote, never by searching people. */
	itemId: itemIdSchema,
	action: z.enum(['warn', 'suspend'], 'moderation.action_required'),
	days: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number('moderation.days_invalid').int('moderation.days_invalid').min(1, 'moderation.days_invalid').max(MAX_SUSPENSION_DAYS, 'moderation.days_invalid').optional()),
	reason: reasonSchema,
	note: noteSchema(MAX_DECISION_NOTE)
});

/**
 * Staff warn the author of a reported item, or suspend them from posting for `days` days, with a
 * reason the member reads (notification and their moderation history). Audited.
 * Errors: moderation.not_found, moderation.forbidden (not staff of the item's corporation),
 * validation.invalid (action, reason, days → moderation.days_required | moderation.days_invalid, note).
 */
export async function sanctionAuthor(ctx: Ctx, actor: Actor, input: unknown): Promise<{ kind: 'warn' | 'suspend'; until: Date | null }> {
	const itemId = parseTarget(sanctionSchema, 'itemId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [item] = await tx.query<{ id: string; author_id: string; corporation_id: string; buurt_id: string; is_public: boolean }>(
			'SELECT id, author_id, corporation_id, buurt_id, is_public FROM moderation_items WHERE id = $1',
			[itemId]
		);
		// Scope before role: an ambassador of the buurt sees the item (403), anyone else not (404).
		if (!item || (!isStaffOf(actor, item.corporation_id) && !(item.is_public && actor.ambassadorBuurtIds.includes(item.buurt_id)))) throw new DomainError('moderation.not_found');
		if (!canSanction(actor, item.corporation_id)) throw new DomainError('moderation.forbidden');
		const v = parseInput(sanctionSchema, input);
		if (v.action === 'suspend' && !v.days) throw new DomainError('validation.invalid', {}, { days: 'moderation.days_required' });
		const until = v.action === 'suspend' ? new Date(at.getTime() + v.days! * 86_400_000) : null;
		if (until)
			await tx.query('INSERT INTO moderation_suspensions (account_id, corporation_id, starts_at, ends_at, reason, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
				item.author_id,
				item.corporation_id,
				at,
				until,
				v.reason,
				v.note || null,
				actor.accountId
			]);
		await tx.query(`INSERT INTO moderation_decisions (account_id, corporation_id, kind, actor_id, actor_role, reason, note, until, at) VALUES ($1, $2, $3, $4, 'staff', $5, $6, $7, $8)`, [
			item.author_id,
			item.corporation_id,
			v.action,
			actor.accountId,
			v.reason,
			v.note || null,
			until,
			at
		]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: v.action === 'warn' ? 'moderation.member_warned' : 'moderation.member_suspended', subject: `account:${item.author_id}`, details: { itemId: item.id, reason: v.reason, until: until?.toISOString() ?? null }, corporationId: item.corporation_id });
		await tellMemberSanction(tx, item.author_id, item.id, { kind: v.action, reason: v.reason, note: v.note, until }, at);
		return { kind: v.action, until };
	});
}

export const liftSuspensionSchema = z.object({ suspensionId: z.uuid('moderation.not_found') });

/** Staff end a suspension early; the member is told. Errors: moderation.not_found (unknown, ended, or another corporation's). */
export async function liftSuspension(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const v = parseInput(liftSuspensionSchema, input);
	const at = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		const [s] = await tx.query<{ id: string; account_id: string; corporation_id: string; reason: string }>(
			'SELECT id, account_id, corporation_id, reason FROM moderation_suspensions WHERE id = $1 AND lifted_at IS NULL AND ends_at > $2 AND corporation_id = ANY($3::uuid[]) FOR UPDATE',
			[v.suspensionId, at, staffCorporationIds(actor)]
		);
		if (!s) throw new DomainError('moderation.not_found');
		await tx.query('UPDATE moderation_suspensions SET lifted_at = $2 WHERE id = $1', [s.id, at]);
		await tx.query(`INSERT INTO moderation_decisions (account_id, corporation_id, kind, actor_id, actor_role, reason, at) VALUES ($1, $2, 'lift', $3, 'staff', $4, $5)`, [s.account_id, s.corporation_id, actor.accountId, s.reason, at]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'moderation.suspension_lifted', subject: `account:${s.account_id}`, details: { suspensionId: s.id }, corporationId: s.corporation_id });
		await tellMemberSanction(tx, s.account_id, s.id, { kind: 'lift', reason: s.reason, note: '', until: null }, at);
	});
}
