import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { plainText } from '../shared/text';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { MAX_GROUP_DESCRIPTION, MAX_GROUP_NAME, buurtIdSchema, groupAccess, groupIdSchema, idempotencyKeySchema } from './model';
import { canJoin, canLeave, canManage, canPost } from './policy';
import { boardBuurt, loadGroup } from './store';

/**
 * Groups of a buurt ("moestuin Lindeplein"): a member creates one, open (anyone of the buurt
 * joins) or by request (the creator — the owner — approves). The owner cannot simply leave:
 * they hand the group over to another member or close it, so a group always has someone who
 * answers requests. Each step locks the group's row, so two owners' clicks cannot cross.
 */

export const createGroupSchema = z.object({
	buurtId: buurtIdSchema,
	name: plainText({ error: 'board.group_name_required' }).trim().min(1, 'board.group_name_required').max(MAX_GROUP_NAME, 'validation.too_long'),
	description: plainText().trim().max(MAX_GROUP_DESCRIPTION, 'validation.too_long').default(''),
	access: z.enum(groupAccess, 'board.access_required'),
	idempotencyKey: idempotencyKeySchema
});

/** Errors: board.not_found, board.forbidden (not a member of the buurt), validation.invalid, board.idempotency_mismatch. */
export async function createGroup(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; buurtId: string }> {
	const buurtId = parseTarget(createGroupSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const b = await boardBuurt(tx, actor, buurtId);
		if (!canPost(actor, b)) throw new DomainError('board.forbidden');
		const v = parseInput(createGroupSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'board.group', input: v, at }, async () => {
			const [g] = await tx.query<{ id: string }>(
				'INSERT INTO board_groups (buurt_id, name, description, access, owner_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
				[b.id, v.name, v.description, v.access, actor.accountId, at]
			);
			await tx.query(`INSERT INTO board_group_members (group_id, account_id, status, requested_at, joined_at) VALUES ($1, $2, 'member', $3, $3)`, [g.id, actor.accountId, at]);
			return { id: g.id, buurtId: b.id };
		});
	});
}

export const groupActions = ['join', 'leave', 'approve', 'decline', 'hand_over', 'close'] as const;
export type GroupAction = (typeof groupActions)[number];

export const groupActionSchema = z.object({
	buurtId: buurtIdSchema,
	groupId: groupIdSchema,
	action: z.enum(groupActions, 'board.action_required'),
	/** approve, decline, hand_over: whom it is about. */
	accountId: z.uuid('board.person_required').optional()
});

export type GroupStep = { groupId: string; action: GroupAction; status: 'member' | 'requested' | 'left' | 'approved' | 'declined' | 'handed_over' | 'closed' };

/**
 * One step on a group: join (open: a member at once; by request: a request the owner sees),
 * leave (also: take a request back), approve or decline a request, hand over (to a member of
 * the group), close. Errors: board.not_found (no such group, or closed; out of scope),
 * board.forbidden (not a member of the buurt; not the owner), board.already_in_group (409),
 * board.owner_cannot_leave (409), board.not_in_group (409), board.no_request (409),
 * validation.invalid (action, accountId → board.person_required).
 */
export async function actOnGroup(ctx: Ctx, actor: Actor, input: unknown): Promise<GroupStep> {
	const buurtId = parseTarget(groupActionSchema, 'buurtId', input);
	const groupId = parseTarget(groupActionSchema, 'groupId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const b = await boardBuurt(tx, actor, buurtId);
		const g = await loadGroup(tx, actor, b.id, groupId, true);
		const v = parseInput(groupActionSchema, input);
		const done = (status: GroupStep['status']): GroupStep => ({ groupId: g.id, action: v.action, status });
		switch (v.action) {
			case 'join': {
				if (g.my_status !== null) throw new DomainError('board.already_in_group');
				if (!canJoin(actor, g)) throw new DomainError('board.forbidden');
				const status = g.access === 'open' ? 'member' : 'requested';
				await tx.query('INSERT INTO board_group_members (group_id, account_id, status, requested_at, joined_at) VALUES ($1, $2, $3, $4, $5)', [g.id, actor.accountId, status, at, status === 'member' ? at : null]);
				return done(status);
			}
			case 'leave': {
				if (g.my_status === null) throw new DomainError('board.not_in_group');
				if (!canLeave(actor, g)) throw new DomainError('board.owner_cannot_leave');
				await tx.query('DELETE FROM board_group_members WHERE group_id = $1 AND account_id = $2', [g.id, actor.accountId]);
				return done('left');
			}
			case 'close': {
				if (!canManage(actor, g)) throw new DomainError('board.forbidden');
				await tx.query('UPDATE board_groups SET closed_at = $2 WHERE id = $1', [g.id, at]);
				return done('closed');
			}
			default: {
				if (!canManage(actor, g)) throw new DomainError('board.forbidden');
				if (!v.accountId) throw new DomainError('validation.invalid', {}, { accountId: 'board.person_required' });
				const [m] = await tx.query<{ status: string }>('SELECT status FROM board_group_members WHERE group_id = $1 AND account_id = $2 FOR UPDATE', [g.id, v.accountId]);
				if (v.action === 'hand_over') {
					if (m?.status !== 'member' || v.accountId === g.owner_id) throw new DomainError('board.not_in_group');
					await tx.query('UPDATE board_groups SET owner_id = $2 WHERE id = $1', [g.id, v.accountId]);
					return done('handed_over');
				}
				if (m?.status !== 'requested') throw new DomainError('board.no_request');
				if (v.action === 'approve') {
					await tx.query(`UPDATE board_group_members SET status = 'member', joined_at = $3 WHERE group_id = $1 AND account_id = $2`, [g.id, v.accountId, at]);
					return done('approved');
				}
				await tx.query('DELETE FROM board_group_members WHERE group_id = $1 AND account_id = $2', [g.id, v.accountId]);
				return done('declined');
			}
		}
	});
}
