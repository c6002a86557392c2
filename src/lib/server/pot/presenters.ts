import type { PotOverview } from './overview';
import type { TopUpResult } from './top-up';
import type { PotReversalResult } from './reversal';

/** JSON shapes of /api/v1/buurten/{id}/pot: stable, never raw rows. */

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export const presentPot = (p: PotOverview) => ({
	buurt: { id: p.buurt.id, name: p.buurt.name },
	fundingCents: p.fundingCents,
	buurtpotCents: p.buurtpotCents,
	pending: p.pending,
	earners: p.earners,
	others: { count: p.othersCount, cents: p.othersCents },
	youCents: p.youCents,
	rewardScheme: p.scheme,
	movements: p.movements.map((m) => ({ ...m, at: iso(m.at) })),
	nextBefore: p.nextBefore
});

export const presentTopUp = (t: TopUpResult) => t;

export const presentReversal = (r: PotReversalResult) => r;
