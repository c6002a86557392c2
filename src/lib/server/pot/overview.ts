import { z } from 'zod';
import { cursorNumber } from '../shared/text';
import type { Db, Queryable } from '../db/client';
import { parseInput } from '../shared/validate';
import { buurtInScope, isStaffOf, type Actor } from '../people';
import { getBuurtBalances, listAttributionForBuurt, listTransfersForBuurt } from '../ledger';
import { getRewardScheme, namedInPot, pendingRewardTotals, rewardedRequests, type Category, type RewardScheme, type ZorgLabel } from '../help';
import { movementKindOf } from './reversal';

/**
 * The buurtpot page: what members of a buurt see of its money — both balances, every movement,
 * pending rewards and who earned what, named only with consent.
 */

export interface Movement {
	transferId: string;
	at: Date;
	kind: 'top_up' | 'payout' | 'reward' | 'reversal' | 'other';
	code: string;
	/** What it did to the funding account and to the buurtpot (cents, signed). */
	fundingCents: number;
	buurtpotCents: number;
	note: string | null;
	/** For a reversal: why (everyone in the buurt reads it) and the transfer it undid. */
	reason: string | null;
	reversesId: string | null;
	/** The reversal that undid this movement, if any. */
	reversedById: string | null;
	/** Whether the actor may reverse it here: staff, a top-up or payout, not reversed yet. */
	reversible: boolean;
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
	/** What members earned for this buurtpot: named people (opted in) and the rest together (never the actor: see youCents). */
	earners: { name: string; cents: number; isYou: boolean }[];
	othersCents: number;
	othersCount: number;
	youCents: number;
	canManage: boolean;
	scheme: RewardScheme;
}

export const potOverviewSchema = z.object({ buurtId: z.uuid('pot.not_found'), before: cursorNumber() });

/**
 * The buurtpot page: both balances, every movement (newest first, 50 per page), pending rewards
 * and who earned what — by first name only for people who opted in. Visible to members of the
 * buurt, staff of its corporation and the tenants' association linked to it; anyone else gets
 * pot.not_found (404).
 * All reads share one snapshot (a REPEATABLE READ, READ ONLY transaction), so a transfer that
 * commits meanwhile is in all of them or in none: balances, movements and pending rewards never
 * contradict each other.
 */
export async function getPotOverview(db: Db, actor: Actor, input: unknown): Promise<PotOverview> {
	const v = parseInput(potOverviewSchema, input);
	return db.transaction(async (tx) => {
		// Must be the transaction's first statement: the snapshot is taken at the first read.
		await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
		return readOverview(tx, actor, v);
	});
}

async function readOverview(db: Queryable, actor: Actor, v: z.infer<typeof potOverviewSchema>): Promise<PotOverview> {
	// The buurtpot part of the buurt: members, staff, the linked tenants' association (people/scope.ts).
	const buurt = await buurtInScope(db, actor, v.buurtId, 'buurtpot', 'pot.not_found');
	const { funding, buurtpot: pot } = await getBuurtBalances(db, { buurtId: v.buurtId });
	const pending = await pendingRewardTotals(db, v.buurtId);
	const { transfers, nextBefore } = await listTransfersForBuurt(db, { buurtId: v.buurtId, limit: 50, before: v.before });
	const earned = await listAttributionForBuurt(db, { buurtId: v.buurtId });

	const people = [...new Set([...transfers.flatMap((t) => t.legs.map((l) => l.attributedTo)), ...earned.map((e) => e.personId)].filter((p): p is string => !!p))];
	const named = await namedInPot(db, people);
	const requestInfo = await rewardedRequests(db, transfers.map((t) => t.id));

	const canManage = isStaffOf(actor, buurt.corporation_id);
	const net = (legs: { debitAccountId: string; creditAccountId: string; amount: number }[], accountId: string | undefined) =>
		accountId ? legs.reduce((s, l) => s + (l.creditAccountId === accountId ? l.amount : 0) - (l.debitAccountId === accountId ? l.amount : 0), 0) : 0;
	const movements: Movement[] = transfers.map((t) => {
		const info = requestInfo.get(t.id);
		const kind: Movement['kind'] = movementKindOf(t.code);
		return {
			transferId: t.id,
			at: t.at,
			kind,
			code: t.code,
			fundingCents: net(t.legs, funding?.id),
			buurtpotCents: net(t.legs, pot?.id),
			note: kind === 'reward' ? null : t.note,
			reason: t.reason,
			reversesId: t.reversesId,
			reversedById: t.reversedById,
			reversible: canManage && (kind === 'top_up' || kind === 'payout') && t.reversedById === null,
			category: info?.category ?? null,
			zorgLabel: info?.zorgLabel ?? null,
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
		// You are never one of the "other neighbours": your own share is told apart (youCents).
		if (e.personId === actor.accountId) youCents = Number(e.total);
		const name = named.get(e.personId);
		if (name) earners.push({ name, cents: Number(e.total), isYou: e.personId === actor.accountId });
		else if (e.personId !== actor.accountId) {
			othersCents += Number(e.total);
			othersCount++;
		}
	}
	return {
		buurt: { id: buurt.id, name: buurt.name, corporationId: buurt.corporation_id },
		fundingCents: Number(funding?.balance ?? 0),
		buurtpotCents: Number(pot?.balance ?? 0),
		pending,
		movements,
		nextBefore,
		earners,
		othersCents,
		othersCount,
		youCents,
		canManage,
		scheme: await getRewardScheme(db, v.buurtId)
	};
}