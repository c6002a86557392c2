import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError, isDomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { emitWebhookEvent } from '../webhooks';
import type { Actor } from '../people';
import type { Translate, Locale } from '../../i18n';
import { count, type EqualSharesResult, type GreedyResult } from '../counting';
import { markProposalsForRound } from '../proposals';
import { anonymiseBallots } from './ballots';
import { notifyRoundMembers } from './notices';
import { hasResults, phaseOf, type RoundProposalRow, type RoundResult, type RoundRow } from './model';
import { canManageRound } from './policy';
import { loadRound, roundProposals, visibleRound } from './rounds';

/**
 * The close: results are computed ONCE, when the round closes, stored with the round, and
 * published. Before that no result exists anywhere — not in a page, not in the API, not in an
 * export, not for admins: there is simply nothing to show (rounds.results_not_found).
 */

// ---------------------------------------------------------------------------------------------
// Counting (pure)

/**
 * Counts ballots with the round's rule. Costs go to the counting module in whole euros when
 * every cost is a whole number of euros (as in Pabulib files and on equalshares.net, so Add1
 * raises each share by €1 per voter), otherwise in cents. Method of Equal Shares always uses
 * Add1 completion; `fill` spends what is left greedily by votes.
 */
export function computeRoundResult(
	r: Pick<RoundRow, 'rule' | 'utility' | 'fill' | 'budget_cents'>,
	proposals: readonly Pick<RoundProposalRow, 'project_id' | 'cost_cents'>[],
	ballots: readonly (readonly string[])[],
	sources: { online: number; paper: number; imported: number }
): RoundResult {
	const factor: 100 | 1 = proposals.every((p) => p.cost_cents % 100 === 0) ? 100 : 1;
	const input = {
		budget: r.budget_cents / factor,
		projects: proposals.map((p) => ({ id: p.project_id, cost: p.cost_cents / factor })),
		ballots
	};
	const result = count(r.rule, input, { utility: r.utility ?? 'cost', completion: 'add1', fill: r.fill });
	const spentCents = Math.round(result.spent * factor);
	return {
		version: 1,
		rule: r.rule,
		utility: r.utility,
		fill: r.fill,
		factor,
		ballots: ballots.length,
		...sources,
		budgetCents: r.budget_cents,
		spentCents,
		leftCents: r.budget_cents - spentCents,
		winners: result.winners,
		votes: result.approvals,
		count: result
	};
}

// ---------------------------------------------------------------------------------------------
// Closing

export const closeRoundSchema = z.object({ roundId: z.uuid('rounds.not_found') });

/**
 * Closes a round whose closing time has passed: counts every ballot with the round's rule,
 * stores the result with the round (once: the database refuses any later change), records
 * votes per proposal, moves winners to won and the others to lost, writes every ballot again
 * with a new random key in a random order and deletes the round's ballot secret (from then on
 * no ballot can be linked to a household by anyone; see ballots.ts). Money does not
 * move: funded proposals are paid out from the buurtpot afterwards; what is left stays in it.
 * actor null = the close job. Closing a closed round returns it unchanged (the job may race
 * with staff).
 * Errors: rounds.not_found, rounds.forbidden, rounds.closes_later (before the closing time),
 * rounds.cancelled.
 */
export async function closeRound(
	ctx: Ctx,
	actor: Actor | null,
	input: unknown,
	/** Only closeRoundEarly (close-early.ts) passes this: staff close an open round with a reason. */
	early: { reason: string } | null = null
): Promise<{ id: string; alreadyClosed: boolean; winners: number }> {
	const v = parseInput(closeRoundSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const pre = actor ? await visibleRound(tx, actor, v.roundId) : await loadRound(tx, v.roundId);
		if (!pre) throw new DomainError('rounds.not_found');
		if (actor && !canManageRound(actor, pre)) throw new DomainError('rounds.forbidden');
		// Waits for ballots being cast right now (they hold FOR SHARE) and blocks new ones.
		const r = (await loadRound(tx, v.roundId, 'FOR UPDATE'))!;
		if (r.closed_at) return { id: r.id, alreadyClosed: true, winners: r.result?.winners.length ?? 0 };
		if (r.cancelled_at) throw new DomainError('rounds.cancelled');
		if (early && phaseOf(r, at) !== 'open') throw new DomainError('rounds.not_open', { phase: phaseOf(r, at) });
		if (!early && phaseOf(r, at) !== 'closing') throw new DomainError('rounds.closes_later', { closesAt: r.closes_at.toISOString() });

		const proposals = await roundProposals(tx, r.id);
		// Re-keyed and re-ordered first: nothing will link a counted ballot to a household.
		const ballots = await anonymiseBallots(tx, r.id);
		const voters = await tx.query<{ voted_via: 'online' | 'paper'; n: number }>(
			'SELECT voted_via, count(*)::int AS n FROM buurtpot_round_voters WHERE round_id = $1 GROUP BY voted_via',
			[r.id]
		);
		const online = voters.find((x) => x.voted_via === 'online')?.n ?? 0;
		const paper = voters.find((x) => x.voted_via === 'paper')?.n ?? 0;
		// One voter row per ballot, always: anything else is a bug, and nothing is published.
		if (online + paper !== ballots.length) throw new Error(`round ${r.id}: ${online + paper} households voted but ${ballots.length} ballots are stored`);
		const result = computeRoundResult(r, proposals, ballots, { online, paper, imported: 0 });
		if (early) await tx.query('UPDATE buurtpot_rounds SET closed_early_reason = $2 WHERE id = $1', [r.id, early.reason]);
		await storeResult(tx, r, proposals, result, { at, actorId: actor?.accountId ?? null });
		if (!r.is_test) {
			const winners = new Set(result.winners);
			const ids = (won: boolean) => proposals.filter((p) => p.proposal_id && winners.has(p.project_id) === won).map((p) => p.proposal_id!);
			await markProposalsForRound(tx, { proposalIds: ids(true), status: 'won', at, actorId: actor?.accountId ?? null, roundId: r.id });
			for (const proposalId of ids(true)) await emitWebhookEvent(tx, { type: 'proposal.funded', at, buurtId: r.buurt_id, data: { proposalId, roundId: r.id, buurtId: r.buurt_id } });
			await markProposalsForRound(tx, { proposalIds: ids(false), status: 'lost', at, actorId: actor?.accountId ?? null, roundId: r.id });
			await notifyRoundMembers(tx, { id: r.id, buurtId: r.buurt_id, buurtName: r.buurt_name, title: r.title }, 'round.results', { at, actorId: actor?.accountId ?? null });
		}
		await recordAudit(tx, {
			at,
			actorId: actor?.accountId ?? null,
			action: 'rounds.closed',
			subject: `round:${r.id}`,
			details: { ballots: result.ballots, online, paper, winners: result.winners.length, spentCents: result.spentCents, leftCents: result.leftCents, ...(early ? { early: true, reason: early.reason } : {}) }
		});
		ctx.log.info({ roundId: r.id, ballots: result.ballots, winners: result.winners.length }, 'buurtpot round closed');
		return { id: r.id, alreadyClosed: false, winners: result.winners.length };
	});
}

/** Writes a result: votes per proposal, the result on the round, and the secret is deleted. */
export async function storeResult(tx: Queryable, r: Pick<RoundRow, 'id'>, proposals: readonly RoundProposalRow[], result: RoundResult, by: { at: Date; actorId: string | null }) {
	const winners = new Set(result.winners);
	await tx.query(
		`UPDATE buurtpot_round_proposals rp SET votes = t.votes, won = t.won
		 FROM unnest($2::text[], $3::int[], $4::boolean[]) AS t(pid, votes, won) WHERE rp.round_id = $1 AND rp.project_id = t.pid`,
		[r.id, proposals.map((p) => p.project_id), proposals.map((p) => result.votes[p.project_id] ?? 0), proposals.map((p) => winners.has(p.project_id))]
	);
	await tx.query('UPDATE buurtpot_rounds SET closed_at = $2, closed_by = $3, result = $4::jsonb WHERE id = $1', [r.id, by.at, by.actorId, JSON.stringify(result)]);
	await tx.query('DELETE FROM buurtpot_round_secrets WHERE round_id = $1', [r.id]);
}

/**
 * The close job: every round whose closing time has passed, each in its own transaction.
 * Idempotent (a closed round is skipped); a round that fails is logged and retried next run.
 */
export async function closeDueRounds(ctx: Ctx): Promise<number> {
	const due = await ctx.db.query<{ id: string }>(
		`SELECT id FROM buurtpot_rounds WHERE closed_at IS NULL AND cancelled_at IS NULL AND closes_at <= $1 ORDER BY closes_at LIMIT 20`,
		[ctx.clock()]
	);
	let closed = 0;
	for (const { id } of due) {
		try {
			if (!(await closeRound(ctx, null, { roundId: id })).alreadyClosed) closed++;
		} catch (err) {
			if (!isDomainError(err)) ctx.log.error({ err, roundId: id }, 'closing a buurtpot round failed');
			else ctx.log.info({ roundId: id, code: err.code }, 'buurtpot round not closed');
		}
	}
	return closed;
}

// ---------------------------------------------------------------------------------------------
// Reading the results

export interface ResultProposal {
	projectId: string;
	proposalId: string | null;
	title: string;
	costCents: number;
	votes: number;
	won: boolean;
	/** 1, 2, … in the order the winners were chosen; null for the others. */
	rank: number | null;
	/** Funded by the greedy fill after Equal Shares. */
	byFill: boolean;
	/** Equal Shares: what each supporting household paid from its share (cents, may have fractions). */
	perSupporterCents: number | null;
	/**
	 * Equal Shares: what its supporters paid, by group — those who paid the full amount each,
	 * those who had less left and paid all of it (together), those who had nothing left.
	 */
	paidBy: { payingMax: number; eachCents: number; payingRest: number; restCents: number; payingNothing: number } | null;
	/** Place on the ballot paper (canonical order). */
	position: number;
}

export interface RoundResults {
	round: {
		id: string;
		buurtId: string;
		buurtName: string;
		title: string;
		isTest: boolean;
		sourceNote: string | null;
		rule: RoundRow['rule'];
		utility: RoundRow['utility'];
		fill: boolean;
		maxChoices: number | null;
		currency: string;
		opensAt: Date;
		closesAt: Date;
		closedAt: Date;
		/** Staff closed the round before its closing time, and why (null: closed at its time). */
		closedEarlyReason: string | null;
	};
	ballots: number;
	online: number;
	paper: number;
	imported: number;
	budgetCents: number;
	spentCents: number;
	leftCents: number;
	/** Winners in the order chosen, then the others by votes. */
	proposals: ResultProposal[];
	result: RoundResult;
	canExport: boolean;
}

/**
 * The published results of a closed round (or a test round): winners, votes per proposal, money
 * spent and left, and everything needed to explain the count. Before the close: nothing.
 * Errors: rounds.not_found, rounds.results_not_found (404: the round has not closed).
 */
export async function getRoundResults(db: Queryable, actor: Actor, roundId: string, now: Date): Promise<RoundResults> {
	const r = await visibleRound(db, actor, roundId);
	if (!hasResults(phaseOf(r, now)) || !r.result || !r.closed_at) throw new DomainError('rounds.results_not_found');
	const result = r.result;
	const proposals = await roundProposals(db, r.id);
	const rank = new Map(result.winners.map((id, i) => [id, i + 1]));
	const filled = new Set(result.count.rule === 'equal-shares' ? result.count.filled : []);
	const mesRounds = new Map(result.count.rule === 'equal-shares' ? result.count.rounds.map((x) => [x.projectId, x]) : []);
	const paidBy = (id: string): ResultProposal['paidBy'] => {
		const x = mesRounds.get(id);
		return x ? { payingMax: x.payingMax, eachCents: x.maxPayment * result.factor, payingRest: x.payingRest, restCents: x.paidByRest * result.factor, payingNothing: x.payingNothing } : null;
	};
	const list: ResultProposal[] = proposals.map((p) => ({
		projectId: p.project_id,
		proposalId: p.proposal_id,
		title: p.title,
		costCents: p.cost_cents,
		votes: p.votes ?? result.votes[p.project_id] ?? 0,
		won: rank.has(p.project_id),
		rank: rank.get(p.project_id) ?? null,
		byFill: filled.has(p.project_id),
		perSupporterCents: paidBy(p.project_id)?.eachCents ?? null,
		paidBy: paidBy(p.project_id),
		position: p.position
	}));
	list.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.votes - a.votes || a.position - b.position);
	return {
		round: {
			id: r.id,
			buurtId: r.buurt_id,
			buurtName: r.buurt_name,
			title: r.title,
			isTest: r.is_test,
			sourceNote: r.source_note,
			rule: r.rule,
			utility: r.utility,
			fill: r.fill,
			maxChoices: r.max_choices,
			currency: r.currency,
			opensAt: r.opens_at,
			closesAt: r.closes_at,
			closedAt: r.closed_at,
			closedEarlyReason: r.closed_early_reason
		},
		ballots: result.ballots,
		online: result.online,
		paper: result.paper,
		imported: result.imported,
		budgetCents: result.budgetCents,
		spentCents: result.spentCents,
		leftCents: result.leftCents,
		proposals: list,
		result,
		canExport: true
	};
}

// ---------------------------------------------------------------------------------------------
// Explaining, in words a neighbour can follow (Dutch or English, from messages)

export function formatMoney(cents: number, currency: string, locale: Locale): string {
	return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: /^[A-Z]{3}$/.test(currency) ? currency : 'EUR' }).format(cents / 100);
}

export interface Explanation {
	/** The rule in one or two sentences. */
	rule: string;
	/** How ties are broken, in plain words. */
	tieBreaking: string;
	/** The count, step by step. */
	steps: string[];
	/** Money spent and left. */
	money: string;
}

/**
 * Builds the explanation from the stored result (the same facts the counting module's explain()
 * prints for developers), translated. Used by the results page and the API (in the person's language).
 */
export function explainResults(res: RoundResults, t: Translate, locale: Locale): Explanation {
	const money = (cents: number) => formatMoney(cents, res.round.currency, locale);
	const factor = res.result.factor;
	const title = new Map(res.proposals.map((p) => [p.projectId, p.title]));
	const name = (id: string) => title.get(id) ?? id;
	const test = res.round.isTest;
	const steps: string[] = [t('rounds.explain.ballots', { count: res.ballots, budget: money(res.budgetCents) })];
	const c = res.result.count;
	let rule: string;
	let tieBreaking: string;
	if (c.rule === 'equal-shares') {
		rule = t('rounds.explain.rule_mes', { utility: c.utility });
		tieBreaking = t('rounds.explain.ties_mes', { test: String(test) });
		explainEqualShares(c, steps, { t, money, name, factor });
	} else {
		rule = res.round.rule === 'knapsack' ? t('rounds.explain.rule_knapsack') : t('rounds.explain.rule_approval', { k: res.round.maxChoices ?? 0 });
		tieBreaking = t('rounds.explain.ties_greedy', { test: String(test) });
		explainGreedy(c, steps, { t, money, name, factor });
	}
	const moneyLine =
		res.leftCents === 0
			? t('rounds.explain.money_all', { spent: money(res.spentCents) })
			: t('rounds.explain.money', { spent: money(res.spentCents), left: money(res.leftCents), test: String(test) });
	return { rule, tieBreaking, steps, money: moneyLine };
}

interface Words {
	t: Translate;
	money: (cents: number) => string;
	name: (id: string) => string;
	factor: number;
}

function explainGreedy(c: GreedyResult, steps: string[], { t, money, name, factor }: Words) {
	steps.push(t('rounds.explain.greedy_intro'));
	c.steps.forEach((s) => {
		const values = { title: name(s.projectId), votes: s.approvals, cost: money(s.cost * factor) };
		steps.push(
			s.funded
				? t('rounds.explain.greedy_funded', { ...values, left: money((s.leftBefore - s.cost) * factor) })
				: t('rounds.explain.greedy_skipped', { ...values, left: money(s.leftBefore * factor) })
		);
	});
	const unvoted = Object.values(c.approvals).filter((n) => n === 0).length;
	if (unvoted > 0) steps.push(t('rounds.explain.no_votes', { count: unvoted }));
}

function explainEqualShares(c: EqualSharesResult, steps: string[], { t, money, name, factor }: Words) {
	steps.push(t('rounds.explain.mes_share', { count: c.voters, share: money(c.sharePerVoter * factor) }));
	if (c.add1Steps > 0) steps.push(t('rounds.explain.mes_add1_raised', { share: money(c.virtualSharePerVoter * factor), step: money(factor) }));
	else if (c.add1Stop === 'over-budget') steps.push(t('rounds.explain.mes_add1_kept', { share: money(c.sharePerVoter * factor) }));
	else if (c.add1Stop === 'all-funded') steps.push(t('rounds.explain.mes_all_funded'));
	c.rounds.forEach((r) => {
		const values = { title: name(r.projectId), votes: r.approvals, cost: money(r.cost * factor), paid: money(r.maxPayment * factor) };
		const parts = [r.payingMax === r.approvals ? t('rounds.explain.mes_round_all', { ...values, count: r.payingMax }) : t('rounds.explain.mes_round_some', { ...values, count: r.payingMax })];
		if (r.payingRest > 0) parts.push(t('rounds.explain.mes_paying_rest', { count: r.payingRest, amount: money(r.paidByRest * factor) }));
		if (r.payingNothing > 0) parts.push(t('rounds.explain.mes_paying_nothing', { count: r.payingNothing }));
		if (r.tiedWith.length > 0) parts.push(t('rounds.explain.mes_tied', { others: r.tiedWith.map(name).join(', ') }));
		steps.push(parts.join(' '));
	});
	for (const d of c.dropped) {
		steps.push(t('rounds.explain.mes_dropped', { title: name(d.projectId), votes: d.approvals, cost: money(d.cost * factor), behind: money(d.moneyBehind * factor) }));
	}
	if (c.filled.length > 0) steps.push(t('rounds.explain.mes_filled', { titles: c.filled.map(name).join(', ') }));
	const unvoted = Object.values(c.approvals).filter((n) => n === 0).length;
	if (unvoted > 0) steps.push(t('rounds.explain.no_votes', { count: unvoted }));
}
