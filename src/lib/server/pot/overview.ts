import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError, isDomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { isStaffOf, type Actor } from '../people';
import { getBuurt } from '../places';
import { getBuurtBalances, listAttributionForBuurt, listTransfersForBuurt, REVERSAL_CODE, TOP_UP_CODE } from '../ledger';
import { getRewardScheme, namedInPot, pendingRewardTotals, rewardedRequests, REWARD_CODE, type Category, type RewardScheme, type ZorgLabel } from '../help';

/**
 * The buurtpot page: what members of a buurt see of its money — both balances, every movement,
 * pending rewards and who earned what, named only with consent.
 */

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
	const { funding, buurtpot: pot } = await getBuurtBalances(db, { buurtId: v.buurtId });
	const pending = await pendingRewardTotals(db, v.buurtId);
	const { transfers, nextBefore } = await listTransfersForBuurt(db, { buurtId: v.buurtId, limit: 50, before: v.before });
	const earned = await listAttributionForBuurt(db, { buurtId: v.buurtId });

	const people = [...new Set([...transfers.flatMap((t) => t.legs.map((l) => l.attributedTo)), ...earned.map((e) => e.personId)].filter((p): p is string => !!p))];
	const named = await namedInPot(db, people);
	const requestInfo = await rewardedRequests(db, transfers.map((t) => t.id));

	const net = (legs: { debitAccountId: string; creditAccountId: string; amount: number }[], accountId: string | undefined) =>
		accountId ? legs.reduce((s, l) => s + (l.creditAccountId === accountId ? l.amount : 0) - (l.debitAccountId === accountId ? l.amount : 0), 0) : 0;
	const movements: Movement[] = transfers.map((t) => {
		const info = requestInfo.get(t.id);
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
		pending,
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