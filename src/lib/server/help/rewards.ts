import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError, isDomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { buurtInScope, isStaffOf, staffAccountIds, type Actor } from '../people';
import { ensureBuurtAccounts, postTransfer } from '../ledger';
import { notify } from '../notifications';
import { saveRewardAmounts } from './settings';
import { idempotencyKeySchema, isRewarded, rewardedCategories, type Category, type RewardedCategory } from './model';

/**
 * What a completed Superbuurt request earns for the buurtpot: per-buurt reward schemes, and the
 * rewards themselves, paid from the corporation's funding account into the buurtpot (pending
 * while it cannot pay, then paid oldest-first). Help decides what a request earns and asks the
 * ledger to pay it; no money is ever paid to a person — a leg only *names* who earned it.
 */

export const REWARD_CODE = 'help.reward';
export const rewardTransferId = (requestId: string) => `${REWARD_CODE}:${requestId}`;
export interface RewardAmounts {
	askerCents: number;
	supervisorCents: number;
	helperCents: number;
}
/** Leystromen's €5 for each role, in cents; a buurt sets its own. */
export const defaultRewardAmounts: RewardAmounts = { askerCents: 500, supervisorCents: 500, helperCents: 500 };
/** €1,000 per role per request is far beyond any sensible reward. */
export const MAX_REWARD_CENTS = 100_000;

/** The request a reward transfer paid for, or null when the transfer is not a reward. */
export const requestIdOfTransfer = (transferId: string) => (transferId.startsWith(`${REWARD_CODE}:`) ? transferId.slice(REWARD_CODE.length + 1) : null);

// ---------------------------------------------------------------------------------------------
// Locking. The buurt's help_settings row serialises reward payment and top-ups per buurt, so
// pending rewards are paid strictly oldest-first. Lock order everywhere: request row → settings
// row → ledger accounts (in id order, by the ledger).

/** Creates the buurt's settings row if needed and locks it for the rest of the transaction. */
export async function lockBuurtFunding(tx: Queryable, buurtId: string): Promise<void> {
	await tx.query('INSERT INTO help_settings (buurt_id) VALUES ($1) ON CONFLICT DO NOTHING', [buurtId]);
	await tx.query('SELECT buurt_id FROM help_settings WHERE buurt_id = $1 FOR UPDATE', [buurtId]);
}

// ---------------------------------------------------------------------------------------------
// Reward schemes

export type RewardScheme = Record<RewardedCategory, RewardAmounts>;

/** The buurt's reward amounts per rewarded category (defaults where none were set). */
export async function getRewardScheme(q: Queryable, buurtId: string): Promise<RewardScheme> {
	const rows = await q.query<{ category: RewardedCategory; asker_cents: number; supervisor_cents: number; helper_cents: number }>(
		'SELECT category, asker_cents, supervisor_cents, helper_cents FROM help_reward_schemes WHERE buurt_id = $1',
		[buurtId]
	);
	const scheme = Object.fromEntries(rewardedCategories.map((c) => [c, { ...defaultRewardAmounts }])) as RewardScheme;
	for (const r of rows) scheme[r.category] = { askerCents: r.asker_cents, supervisorCents: r.supervisor_cents, helperCents: r.helper_cents };
	return scheme;
}

const rewardCents = z
	.number({ error: 'pot.amount_invalid' })
	.int('pot.amount_whole_cents')
	.min(0, 'pot.amount_not_negative')
	.max(MAX_REWARD_CENTS, 'pot.amount_too_big');

export const updateRewardSchemeSchema = z.object({
	buurtId: z.uuid('pot.not_found'),
	category: z.enum(rewardedCategories, 'pot.category_not_rewarded'),
	askerCents: rewardCents,
	supervisorCents: rewardCents,
	helperCents: rewardCents,
	idempotencyKey: idempotencyKeySchema
});

/**
 * Sets what a confirmed request of one category earns for the buurtpot (per role, in cents;
 * 0 switches a role's reward off). Applies to requests confirmed from now on. Staff only.
 * Errors: validation.invalid (fields: askerCents… → pot.amount_invalid | pot.amount_whole_cents |
 * pot.amount_not_negative | pot.amount_too_big; category → pot.category_not_rewarded),
 * pot.not_found, pot.forbidden, pot.idempotency_mismatch.
 */
export async function updateRewardScheme(ctx: Ctx, actor: Actor, input: unknown): Promise<{ buurtId: string; category: RewardedCategory } & RewardAmounts> {
	const buurtId = parseTarget(updateRewardSchemeSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		const buurt = await buurtInScope(tx, actor, buurtId, 'buurtpot', 'pot.not_found');
		if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('pot.forbidden');
		const v = parseInput(updateRewardSchemeSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'pot.reward_scheme', input: v, at }, async () => {
			await saveRewardAmounts(tx, v.buurtId, v.category, v, { at, actorId: actor.accountId });
			return { buurtId: v.buurtId, category: v.category, askerCents: v.askerCents, supervisorCents: v.supervisorCents, helperCents: v.helperCents };
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Rewards

export interface GrantRewardInput {
	requestId: string;
	buurtId: string;
	corporationId: string;
	category: Category;
	/** Null when the request was asked on behalf of a neighbour without an account. */
	askerId: string | null;
	/** The supervisor who published it; null when staff checked it (staff earn no reward). */
	supervisorId: string | null;
	helperId: string;
	/** For the staff notification when the reward has to wait (zorg: message keys, see safeTitle). */
	title: { title: string; titleKeys?: string };
	buurtName: string;
	at: Date;
}

export type RewardStatus = 'paid' | 'pending' | 'none';

/**
 * Records what a just-confirmed request earns and pays it, inside the caller's transaction (the
 * one that confirms the request). 'overige' and an all-zero scheme earn nothing ('none'). The
 * reward joins the buurt's queue and the queue is paid oldest-first, so a new reward never
 * overtakes one that is already waiting. If the funding account cannot pay it, the reward stays
 * 'pending' and staff are notified; the next top-up pays it. At most once per request (primary
 * key; the ledger transfer id `help.reward:<request id>` is the second guarantee).
 */
export async function grantReward(tx: Queryable, input: GrantRewardInput): Promise<RewardStatus> {
	if (!isRewarded(input.category)) return 'none';
	await lockBuurtFunding(tx, input.buurtId);
	const amounts = (await getRewardScheme(tx, input.buurtId))[input.category];
	const supervisorCents = input.supervisorId ? amounts.supervisorCents : 0;
	if (amounts.askerCents + supervisorCents + amounts.helperCents === 0) return 'none';
	await tx.query(
		`INSERT INTO help_rewards (request_id, buurt_id, asker_id, supervisor_id, helper_id, asker_cents, supervisor_cents, helper_cents, status, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)`,
		[input.requestId, input.buurtId, input.askerId, input.supervisorId, input.helperId, amounts.askerCents, supervisorCents, amounts.helperCents, input.at]
	);
	const { paid } = await payPendingRewards(tx, { buurtId: input.buurtId, at: input.at });
	if (paid.includes(input.requestId)) return 'paid';
	await notify(tx, {
		recipients: await staffAccountIds(tx, input.corporationId),
		type: 'help.pending_reward',
		subject: { kind: 'help_request', id: input.requestId },
		params: { ...input.title, buurt: input.buurtName },
		at: input.at
	});
	return 'pending';
}

interface PendingReward {
	request_id: string;
	asker_id: string | null;
	supervisor_id: string | null;
	helper_id: string;
	asker_cents: number;
	supervisor_cents: number;
	helper_cents: number;
}

/**
 * Pays the buurt's pending rewards oldest-first, each as ONE three-leg transfer from the funding
 * account into the buurtpot (each leg attributed to who earned it), until one does not fit: the
 * rest keep waiting in order. Must run with the buurt locked (lockBuurtFunding).
 */
export async function payPendingRewards(tx: Queryable, { buurtId, at }: { buurtId: string; at: Date }): Promise<{ paid: string[]; stillPending: number }> {
	await lockBuurtFunding(tx, buurtId);
	const pending = await tx.query<PendingReward>(
		`SELECT request_id, asker_id, supervisor_id, helper_id, asker_cents, supervisor_cents, helper_cents FROM help_rewards
		 WHERE buurt_id = $1 AND status = 'pending' ORDER BY created_at, request_id FOR UPDATE`,
		[buurtId]
	);
	if (pending.length === 0) return { paid: [], stillPending: 0 };
	const { funding, buurtpot } = await ensureBuurtAccounts(tx, { buurtId, at });
	const paid: string[] = [];
	for (const r of pending) {
		const legs = (
			[
				['asker', r.asker_cents, r.asker_id],
				['supervisor', r.supervisor_cents, r.supervisor_id],
				['helper', r.helper_cents, r.helper_id]
			] as const
		)
			.filter(([, cents]) => cents > 0)
			.map(([code, amount, attributedTo]) => ({ debitAccountId: funding.id, creditAccountId: buurtpot.id, amount, attributedTo, code }));
		const id = rewardTransferId(r.request_id);
		try {
			await postTransfer(tx, { id, code: REWARD_CODE, legs, actorId: null, at });
		} catch (err) {
			// Checked before anything is written: the transaction stays usable, the reward waits.
			if (isDomainError(err) && err.code === 'ledger.limit_exceeded') break;
			throw err;
		}
		await tx.query(`UPDATE help_rewards SET status = 'paid', paid_at = $2, transfer_id = $3 WHERE request_id = $1`, [r.request_id, at, id]);
		paid.push(r.request_id);
	}
	return { paid, stillPending: pending.length - paid.length };
}