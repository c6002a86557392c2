import type { RoundSummary, RoundView } from './rounds';
import type { MyBallot } from './ballots';
import type { Explanation, RoundResults } from './results';

/** JSON shapes of /api/v1/rounds: stable, never raw rows, never anything about other households. */

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const presentRoundSummary = (s: RoundSummary) => ({
	id: s.id,
	buurtId: s.buurtId,
	buurtName: s.buurtName,
	title: s.title,
	isTest: s.isTest,
	phase: s.phase,
	rule: s.rule,
	budgetCents: s.budgetCents,
	currency: s.currency,
	opensAt: iso(s.opensAt),
	closesAt: iso(s.closesAt),
	closedAt: iso(s.closedAt),
	proposalCount: s.proposalCount,
	hasResults: s.phase === 'closed' || s.phase === 'test'
});

export const presentRound = (v: RoundView) => ({
	...presentRoundSummary(v),
	maxChoices: v.maxChoices,
	utility: v.utility,
	fill: v.fill,
	budgetSource: v.budgetSource,
	sourceNote: v.sourceNote,
	proposals: v.proposals.map((p) => ({ projectId: p.projectId, proposalId: p.proposalId, title: p.title, costCents: p.costCents })),
	household: v.household,
	voteBlock: v.voteBlock,
	turnout: v.turnout,
	can: v.can
});

export const presentMyBallot = (b: MyBallot) => ({
	roundId: b.roundId,
	household: b.household,
	voted: b.voted,
	via: b.via,
	choices: b.choices,
	canChange: b.canChange
});

export const presentResults = (r: RoundResults, e: Explanation) => ({
	round: {
		...r.round,
		opensAt: iso(r.round.opensAt),
		closesAt: iso(r.round.closesAt),
		closedAt: iso(r.round.closedAt)
	},
	ballots: r.ballots,
	online: r.online,
	paper: r.paper,
	imported: r.imported,
	budgetCents: r.budgetCents,
	spentCents: r.spentCents,
	leftCents: r.leftCents,
	winners: r.result.winners,
	proposals: r.proposals.map((p) => ({
		projectId: p.projectId,
		proposalId: p.proposalId,
		title: p.title,
		costCents: p.costCents,
		votes: p.votes,
		won: p.won,
		rank: p.rank,
		byFill: p.byFill,
		perSupporterCents: p.perSupporterCents === null ? null : Math.round(p.perSupporterCents * 100) / 100
	})),
	explanation: e,
	/** The counting module's full result, in counting units (see countingUnitCents). */
	counting: r.result.count,
	countingUnitCents: r.result.factor
});
