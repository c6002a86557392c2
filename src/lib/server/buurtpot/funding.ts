import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError, isDomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit/audit';
import { isStaffOf, type Actor } from '../people/actor';
import { getBuurt } from '../places/places';
import {
	ensureBuurtAccounts,
	getAttributionForPerson,
	listAttributionForBuurt,
	listTransfersForBuurt,
	postTopUp,
	postTransfer,
	MAX_AMOUNT,
	TOP_UP_CODE,
	REVERSAL_CODE
} from '../ledger';
import { notify } from '../notifications/notify';
import { firstName, isRewarded, rewardedCategories, type Category, type RewardedCategory, type ZorgLabel } from '../help/model';
import { idempotencyKeySchema } from '../help/model';
import { withIdempotency } from '../help/idempotency';

/**
 * The money side of Superbuurt: per-buurt reward schemes, rewards paid from the corporation's
 * funding account into the buurtpot (pending while it cannot pay, then paid oldest-first), staff
 * top-ups, and what members see: balances, movements and their own wallet. All money moves
 * through the ledger module; no money is ever paid to a person — a leg only *names* who earned it.
 */

export const REWARD_CODE = 'help.reward';
export const rewardTransferId = (requestId: string) => `${REWARD_CODE}:${requestId}`;
const requestIdOfTransfer = (transferId: string) => (transferId.startsWith(`${REWARD_CODE}:`) ? transferId.slice(REWARD_CODE.length + 1) : null);

export interface RewardAmounts {
	askerCents: number;
	supervisorCents: number;
	helperCents: number;
}
/** Leystromen's €5 for each role, in cents; a buurt sets its own. */
export const defaultRewardAmounts: RewardAmounts = { askerCents: 500, supervisorCents: 500, helperCents: 500 };
/** €1,000 per role per request is far beyond any sensible reward. */
export const MAX_REWARD_CENTS = 100_000;
/** €100,000 per top-up: a typo guard, not a policy. */
export const MAX_TOP_UP_CENTS = 10_000_000;

// ---------------------------------------------------------------------------------------------
// Locking. The buurt's help_settings row serialises reward payment and top-ups per buurt, so
// pending rewards are paid strictly oldest-first. Lock order everywhere: request row → settings
// row → ledger accounts (in id order, by the ledger).

/** Creates the buurt's settings row if needed and locks it for the rest of the transaction. */
export async function lockBuurtFunding(tx: Queryable, buurtId: string): Promise<void> {
	await tx.query('INSERT INTO help_settings (buurt_id) VALUES ($1) ON CONFLICT DO NOTHING', [buurtId]);
	await tx.query('SELECT buurt_id FROM help_settings WHERE buurt_id = $1 FOR UPDATE', [buurtId]);
}

const buurtOf = async (q: Queryable, buurtId: string) => {
	const [b] = await q.query<{ id: string; corporation_id: string; name: string }>('SELECT id, corporation_id, name FROM buurten WHERE id = $1', [buurtId]);
	if (!b) throw new DomainError('pot.not_found');
	return b;
};

const staffOf = async (q: Queryable, corporationId: string) =>
	(await q.query<{ account_id: string }>('SELECT DISTINCT account_id FROM staff_roles WHERE corporation_id = $1', [corporationId])).map((r) => r.account_id);

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
	const v = parseInput(updateRewardSchemeSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtOf(tx, v.buurtId);
		if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('pot.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'pot.reward_scheme', input: v, at }, async () => {
			await tx.query(
				`INSERT INTO help_reward_schemes (buurt_id, category, asker_cents, supervisor_cents, helper_cents, updated_at, updated_by)
				 VALUES ($1, $2, $3, $4, $5, $6, $7)
				 ON CONFLICT (buurt_id, category) DO UPDATE SET asker_cents = $3, supervisor_cents = $4, helper_cents = $5, updated_at = $6, updated_by = $7`,
				[v.buurtId, v.category, v.askerCents, v.supervisorCents, v.helperCents, at, actor.accountId]
			);
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'pot.reward_scheme_set', subject: `buurt:${v.buurtId}`, details: { category: v.category, askerCents: v.askerCents, supervisorCents: v.supervisorCents, helperCents: v.helperCents } });
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
	/** For the staff notification when the reward has to wait. */
	title: string;
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
		recipients: await staffOf(tx, input.corporationId),
		type: 'help.pending_reward',
		subject: { kind: 'help_request', id: input.requestId },
		params: { title: input.title, buurt: input.buurtName },
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

// ---------------------------------------------------------------------------------------------
// Top-ups

/**
 * Euros as typed in a form ("12", "12,50", "€ 12.5") to cents. More than two decimals gives a
 * fraction of a cent (refused as "not whole cents"); anything unreadable is returned as is and
 * refused as "not an amount".
 */
export function eurosToCents(typed: string | undefined): unknown {
	if (typed === undefined) return undefined;
	const s = typed.replace(/[€\s]/g, '');
	if (s === '') return undefined;
	const m = /^(-?)(\d{1,9})(?:[.,](\d+))?$/.exec(s);
	if (!m) return typed;
	const [, sign, whole, fraction = ''] = m;
	const cents = Number(whole) * 100 + (fraction ? Number(fraction) / 10 ** (fraction.length - 2) : 0);
	return sign ? -cents : cents;
}

export const topUpBuurtSchema = z.object({
	buurtId: z.uuid('pot.not_found'),
	account: z.enum(['funding', 'buurtpot'], 'pot.account_invalid'),
	amountCents: z
		.number({ error: 'pot.amount_invalid' })
		.int('pot.amount_whole_cents')
		.positive('pot.amount_positive')
		.max(Math.min(MAX_TOP_UP_CENTS, MAX_AMOUNT), 'pot.amount_too_big'),
	note: z.string({ error: 'pot.note_required' }).trim().min(3, 'pot.note_required').max(500),
	idempotencyKey: idempotencyKeySchema
});

export interface TopUpResult {
	transferId: string;
	account: 'funding' | 'buurtpot';
	amountCents: number;
	balanceCents: number;
	/** Pending rewards this top-up paid (funding only). */
	paidRewards: number;
	stillPending: number;
}

/**
 * Staff put money into a buurt: into the corporation's funding account for that buurt (rewards
 * are paid from it; pending rewards are paid oldest-first right after), or straight into the
 * buurtpot. With an idempotency key, a retry returns the first result and the same key with
 * another amount or note is refused. Audited by the ledger.
 * Errors: validation.invalid (amountCents → pot.amount_invalid | pot.amount_whole_cents |
 * pot.amount_positive | pot.amount_too_big; note → pot.note_required), pot.not_found,
 * pot.forbidden, pot.idempotency_mismatch.
 */
export async function topUpBuurt(ctx: Ctx, actor: Actor, input: unknown): Promise<TopUpResult> {
	const v = parseInput(topUpBuurtSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtOf(tx, v.buurtId);
		if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('pot.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'pot.top_up', input: v, at }, async () => {
			await lockBuurtFunding(tx, v.buurtId);
			const accounts = await ensureBuurtAccounts(tx, { buurtId: v.buurtId, at });
			const target = accounts[v.account];
			const id = v.idempotencyKey ? `pot.top_up:${actor.accountId}:${v.idempotencyKey}` : `pot.top_up:${randomUUID()}`;
			let posted;
			try {
				posted = await postTopUp(tx, { id, accountId: target.id, amount: v.amountCents, note: v.note, actorId: actor.accountId, at });
			} catch (err) {
				if (isDomainError(err) && err.code === 'ledger.idempotency_mismatch') throw new DomainError('pot.idempotency_mismatch');
				throw err;
			}
			const payout = v.account === 'funding' ? await payPendingRewards(tx, { buurtId: v.buurtId, at }) : { paid: [], stillPending: 0 };
			const [balance] = await tx.query<{ balance: number }>('SELECT balance FROM ledger_accounts WHERE id = $1', [target.id]);
			return { transferId: posted.id, account: v.account, amountCents: v.amountCents, balanceCents: Number(balance.balance), paidRewards: payout.paid.length, stillPending: payout.stillPending };
		});
	});
}

// ---------------------------------------------------------------------------------------------
// What members see: balances and movements of their buurt, named only with consent

export interface Movement {
	transferId: string;
	at: Date;
	kind: 'top_up' | 'reward' | 'reversal' | 'other';
	code: string;
	/** What it did to the funding account and to the buurtpot (cents, signed). */
	fundingCents: number;
	buurtpotCents: number;
	note: string | null;
	/** For rewards: the category, and per role the amount and a first name if that person opted in. */
	category: Category | null;
	zorgLabel: ZorgLabel | null;
	legs: { role: string; cents: number; name: string | null; isYou: boolean }[];
}

export interface PotOverview {
	buurt: { id: string; name: string; corporationId: string };
	fundingCents: number;
	buurtpotCents: number;
	pending: { count: number; cents: number };
	movements: Movement[];
	nextBefore: number | null;
	/** What members earned for this buurtpot: named people (opted in) and the rest together. */
	earners: { name: string; cents: number; isYou: boolean }[];
	othersCents: number;
	othersCount: number;
	youCents: number;
	canManage: boolean;
	scheme: RewardScheme;
}

export const potOverviewSchema = z.object({ buurtId: z.uuid('pot.not_found'), before: z.coerce.number().int().positive().optional() });

/**
 * The buurtpot page: both balances, every movement (newest first, 50 per page), pending rewards
 * and who earned what — by first name only for people who opted in. Visible to members of the
 * buurt and to staff and partners of its corporation; anyone else gets pot.not_found (404).
 */
export async function getPotOverview(db: Queryable, actor: Actor, input: unknown): Promise<PotOverview> {
	const v = parseInput(potOverviewSchema, input);
	let buurt;
	try {
		buurt = await getBuurt(db, actor, v.buurtId);
	} catch (err) {
		if (isDomainError(err)) throw new DomainError('pot.not_found');
		throw err;
	}
	const accounts = await db.query<{ id: string; kind: string; balance: number }>(
		`SELECT id, kind, balance FROM ledger_accounts WHERE ledger = 'EUR' AND buurt_id = $1 AND kind IN ('funding', 'buurtpot')`,
		[v.buurtId]
	);
	const funding = accounts.find((a) => a.kind === 'funding');
	const pot = accounts.find((a) => a.kind === 'buurtpot');
	const [pending] = await db.query<{ count: number; cents: number }>(
		`SELECT count(*)::int AS count, COALESCE(sum(asker_cents + supervisor_cents + helper_cents), 0)::bigint AS cents
		 FROM help_rewards WHERE buurt_id = $1 AND status = 'pending'`,
		[v.buurtId]
	);
	const { transfers, nextBefore } = await listTransfersForBuurt(db, { buurtId: v.buurtId, limit: 50, before: v.before });
	const earned = await listAttributionForBuurt(db, { buurtId: v.buurtId });

	const people = [...new Set([...transfers.flatMap((t) => t.legs.map((l) => l.attributedTo)), ...earned.map((e) => e.personId)].filter((p): p is string => !!p))];
	const named = new Map(
		(
			await db.query<{ id: string; name: string }>(
				'SELECT a.id, a.name FROM accounts a JOIN help_name_optins o ON o.account_id = a.id WHERE a.id = ANY($1::uuid[])',
				[people]
			)
		).map((p) => [p.id, firstName(p.name)])
	);
	const rewardIds = transfers.map((t) => requestIdOfTransfer(t.id)).filter((id): id is string => !!id);
	const requestInfo = new Map(
		(
			await db.query<{ id: string; category: Category; zorg_label: ZorgLabel | null }>('SELECT id, category, zorg_label FROM help_requests WHERE id = ANY($1::uuid[])', [rewardIds])
		).map((r) => [r.id, r])
	);

	const net = (legs: { debitAccountId: string; creditAccountId: string; amount: number }[], accountId: string | undefined) =>
		accountId ? legs.reduce((s, l) => s + (l.creditAccountId === accountId ? l.amount : 0) - (l.debitAccountId === accountId ? l.amount : 0), 0) : 0;
	const movements: Movement[] = transfers.map((t) => {
		const requestId = requestIdOfTransfer(t.id);
		const info = requestId ? requestInfo.get(requestId) : undefined;
		const kind: Movement['kind'] = t.code === TOP_UP_CODE ? 'top_up' : t.code === REWARD_CODE ? 'reward' : t.code === REVERSAL_CODE ? 'reversal' : 'other';
		return {
			transferId: t.id,
			at: t.at,
			kind,
			code: t.code,
			fundingCents: net(t.legs, funding?.id),
			buurtpotCents: net(t.legs, pot?.id),
			note: kind === 'reward' ? null : t.note,
			category: info?.category ?? null,
			zorgLabel: info?.zorg_label ?? null,
			legs:
				kind === 'reward'
					? t.legs.map((l) => ({ role: l.code ?? '', cents: l.amount, name: l.attributedTo ? (named.get(l.attributedTo) ?? null) : null, isYou: l.attributedTo === actor.accountId }))
					: []
		};
	});
	const earners: PotOverview['earners'] = [];
	let othersCents = 0;
	let othersCount = 0;
	let youCents = 0;
	for (const e of earned) {
		if (e.personId === actor.accountId) youCents = Number(e.total);
		const name = named.get(e.personId);
		if (name) earners.push({ name, cents: Number(e.total), isYou: e.personId === actor.accountId });
		else {
			othersCents += Number(e.total);
			othersCount++;
		}
	}
	return {
		buurt: { id: buurt.id, name: buurt.name, corporationId: buurt.corporation_id },
		fundingCents: Number(funding?.balance ?? 0),
		buurtpotCents: Number(pot?.balance ?? 0),
		pending: { count: pending.count, cents: Number(pending.cents) },
		movements,
		nextBefore,
		earners,
		othersCents,
		othersCount,
		youCents,
		canManage: isStaffOf(actor, buurt.corporation_id),
		scheme: await getRewardScheme(db, v.buurtId)
	};
}

// ---------------------------------------------------------------------------------------------
// Wallet: what one member earned for buurtpotten (attribution, never money of their own)

export interface WalletItem {
	requestId: string;
	transferId: string;
	at: Date;
	buurtName: string;
	category: Category | null;
	zorgLabel: ZorgLabel | null;
	/** The request's title; for zorg only its label is shown, so this is null. */
	title: string | null;
	roles: string[];
	cents: number;
	reversed: boolean;
}

export interface Wallet {
	totalCents: number;
	items: WalletItem[];
	nextBefore: number | null;
	pending: { requestId: string; at: Date; buurtName: string; category: Category; zorgLabel: ZorgLabel | null; title: string | null; roles: string[]; cents: number }[];
	pendingCents: number;
	namedInPot: boolean;
}

export const walletSchema = z.object({ before: z.coerce.number().int().positive().optional() });

/**
 * The member's wallet: the total they earned for buurtpotten and each request it came from
 * (read from the ledger's attribution, so a reversal is netted), plus rewards still waiting for
 * a top-up. Only ever the actor's own.
 */
export async function getWallet(db: Queryable, actor: Actor, input: unknown = {}): Promise<Wallet> {
	const v = parseInput(walletSchema, input);
	const attribution = await getAttributionForPerson(db, { personId: actor.accountId, limit: 50, before: v.before });
	const requestIds = attribution.transfers.map((t) => requestIdOfTransfer(t.reversesId ?? t.transferId)).filter((id): id is string => !!id);
	const info = new Map(
		(
			await db.query<{ id: string; category: Category; zorg_label: ZorgLabel | null; title: string; buurt_name: string; asker_id: string | null; supervisor_id: string | null; helper_id: string }>(
				`SELECT r.id, r.category, r.zorg_label, r.title, b.name AS buurt_name, w.asker_id, w.supervisor_id, w.helper_id
				 FROM help_requests r JOIN buurten b ON b.id = r.buurt_id JOIN help_rewards w ON w.request_id = r.id
				 WHERE r.id = ANY($1::uuid[])`,
				[requestIds]
			)
		).map((r) => [r.id, r])
	);
	const rolesOf = (r: { asker_id: string | null; supervisor_id: string | null; helper_id: string }) =>
		(['asker', 'supervisor', 'helper'] as const).filter((role) => r[`${role}_id`] === actor.accountId);
	const items: WalletItem[] = attribution.transfers.map((t) => {
		const requestId = requestIdOfTransfer(t.reversesId ?? t.transferId);
		const r = requestId ? info.get(requestId) : undefined;
		return {
			requestId: requestId ?? '',
			transferId: t.transferId,
			at: t.at,
			buurtName: r?.buurt_name ?? '',
			category: r?.category ?? null,
			zorgLabel: r?.zorg_label ?? null,
			title: r && r.category !== 'zorg' ? r.title : null,
			roles: r ? rolesOf(r) : [],
			cents: Number(t.amount),
			reversed: t.reversesId !== null
		};
	});
	const pendingRows = await db.query<{ request_id: string; created_at: Date; buurt_name: string; category: Category; zorg_label: ZorgLabel | null; title: string; asker_id: string | null; supervisor_id: string | null; helper_id: string; asker_cents: number; supervisor_cents: number; helper_cents: number }>(
		`SELECT w.request_id, w.created_at, b.name AS buurt_name, r.category, r.zorg_label, r.title, w.asker_id, w.supervisor_id, w.helper_id,
			w.asker_cents, w.supervisor_cents, w.helper_cents
		 FROM help_rewards w JOIN help_requests r ON r.id = w.request_id JOIN buurten b ON b.id = w.buurt_id
		 WHERE w.status = 'pending' AND $1 IN (w.asker_id, w.supervisor_id, w.helper_id)
		 ORDER BY w.created_at`,
		[actor.accountId]
	);
	const pending = pendingRows.map((r) => {
		const roles = rolesOf(r);
		const cents = roles.reduce((s, role) => s + r[`${role}_cents`], 0);
		return { requestId: r.request_id, at: r.created_at, buurtName: r.buurt_name, category: r.category, zorgLabel: r.zorg_label, title: r.category !== 'zorg' ? r.title : null, roles, cents };
	});
	const [opt] = await db.query('SELECT 1 FROM help_name_optins WHERE account_id = $1', [actor.accountId]);
	return {
		totalCents: Number(attribution.total),
		items,
		nextBefore: attribution.nextBefore,
		pending,
		pendingCents: pending.reduce((s, p) => s + p.cents, 0),
		namedInPot: !!opt
	};
}

export const setNameInPotSchema = z.object({ named: z.boolean({ error: 'validation.choice' }) });

/**
 * Whether the buurtpot page may show the member's first name next to what they earned
 * (default: no, they are counted among "other neighbours").
 */
export async function setNameInPot(ctx: Ctx, actor: Actor, input: unknown): Promise<{ named: boolean }> {
	const v = parseInput(setNameInPotSchema, input);
	const at = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		if (v.named) await tx.query('INSERT INTO help_name_optins (account_id, at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [actor.accountId, at]);
		else await tx.query('DELETE FROM help_name_optins WHERE account_id = $1', [actor.accountId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: v.named ? 'pot.name_opt_in' : 'pot.name_opt_out', subject: `account:${actor.accountId}` });
	});
	return { named: v.named };
}

