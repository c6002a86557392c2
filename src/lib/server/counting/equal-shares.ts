/**
 * The Method of Equal Shares with its completion "Add1": re-run MES (equal-shares-run.ts) with
 * one currency unit more per voter (budget + number of voters, + 2 × voters, ...) for as long as
 * the outcome's total cost still fits the real budget, and keep the last outcome that fits; this
 * reproduces the official Wieliczka 2023 and Assen 2024 results exactly. Optional `fill` then
 * funds what still fits greedily by approvals.
 */

import {
	approvalsRecord,
	CountingError,
	prepare,
	sumCosts,
	type Add1Stop,
	type Completion,
	type CountInput,
	type Utility
} from './election';
import { runEqualSharesOnce, type EqualSharesDropped, type EqualSharesRound, type MesRun } from './equal-shares-run';
import { runGreedy } from './greedy';

/**
 * Safety net for Add1 on degenerate inputs (a handful of voters and costs far above the budget
 * need one run per currency unit per voter). Real elections stop after a few hundred runs.
 */
const MAX_MES_RUNS = 20_000;

export interface EqualSharesOptions {
	/** 'cost' (default, real elections): utility = cost. 'unit': every approval is worth 1. */
	utility?: Utility;
	/**
	 * 'add1' (default): raise the budget by one unit per voter and re-run for as long as the
	 * outcome still fits the real budget — this reproduces the official Wieliczka 2023 and
	 * Assen 2024 outcomes. 'add1-exhaustive': the current equalshares.net reference code, which
	 * starts from a whole-number share and also stops as soon as no unfunded project fits in what
	 * is left (for Wieliczka that gives 31 projects instead of the official 30). 'none': bare MES.
	 */
	completion?: Completion;
	/** After MES (and Add1), fund what still fits greedily by approvals. */
	fill?: boolean;
}

export interface EqualSharesResult {
	rule: 'equal-shares';
	utility: Utility;
	completion: Completion;
	/** MES winners in the order chosen, followed by fill winners (if fill was on). */
	winners: string[];
	spent: number;
	left: number;
	voters: number;
	/** The real share: budget / voters. */
	sharePerVoter: number;
	/** Budget used for the final MES run (larger than the real budget after Add1 steps). */
	virtualBudget: number;
	virtualSharePerVoter: number;
	/** Number of accepted Add1 increments (0 = the first run was kept). */
	add1Steps: number;
	add1Stop: Add1Stop;
	/** Number of MES runs made in total, including the rejected last Add1 attempt. */
	runs: number;
	rounds: EqualSharesRound[];
	/** Projects with approvals that MES did not fund, and why (final run). */
	dropped: EqualSharesDropped[];
	/** Projects funded by the greedy fill after MES; a suffix of winners. */
	filled: string[];
	approvals: Record<string, number>;
}

/**
 * Method of Equal Shares with Add1 completion:
 * 1. run MES with the real budget;
 * 2. 'add1': try MES with budget + n, budget + 2n, ... (n = number of voters, so one currency
 *    unit more per voter each time); keep each outcome whose total cost fits the real budget and
 *    stop at the first that does not. 'add1-exhaustive' (current equalshares.net code) starts
 *    from a whole-number share and also stops once no unfunded project fits in what is left.
 *    Both stop when every project with an approval is funded (more money cannot change that).
 * 3. with `fill`, fund what still fits greedily by approvals.
 */
export function countEqualShares(
	input: CountInput,
	options: EqualSharesOptions = {}
): EqualSharesResult {
	const utility = options.utility ?? 'cost';
	const completion = options.completion ?? 'add1';
	if (utility !== 'cost' && utility !== 'unit') {
		throw new CountingError('count.invalid_utility', `utility must be 'cost' or 'unit', got '${utility}'`);
	}
	if (completion !== 'add1' && completion !== 'add1-exhaustive' && completion !== 'none') {
		throw new CountingError('count.invalid_completion', `unknown completion '${completion}'`);
	}
	const election = prepare(input);
	const { budget, voterCount } = election;
	const n = voterCount;

	let virtualBudget = budget;
	let runs = 0;
	let add1Steps = 0;
	let best: MesRun = { winners: [], rounds: [], dropped: [] };
	if (n > 0) {
		best = runEqualSharesOnce(election, budget, utility);
		runs++;
	}

	let add1Stop: Add1Stop = 'not-run';
	if (completion !== 'none' && n > 0) {
		const exhaustiveCheck = completion === 'add1-exhaustive';
		const electable = election.approvals.filter((a) => a > 0).length;
		// 'add1' adds one unit per voter to the real budget; the current equalshares.net code
		// first rounds the share down to a whole number.
		let base = exhaustiveCheck ? Math.floor(budget / n) * n : budget;
		let currentCost = sumCosts(election, best.winners);
		for (;;) {
			if (exhaustiveCheck) {
				const chosen = new Set(best.winners);
				const anyFits = election.costs.some((cost, p) => !chosen.has(p) && currentCost + cost <= budget);
				if (!anyFits) {
					add1Stop = 'exhaustive';
					break;
				}
			}
			// Every project with an approval is funded: more money per voter cannot change the set
			// (the reference code would loop forever here).
			if (best.winners.length === electable) {
				add1Stop = 'all-funded';
				break;
			}
			if (runs >= MAX_MES_RUNS) {
				add1Stop = 'run-limit';
				break;
			}
			const next = base + n;
			const attempt = runEqualSharesOnce(election, next, utility);
			runs++;
			const attemptCost = sumCosts(election, attempt.winners);
			if (attemptCost > budget) {
				add1Stop = 'over-budget';
				break;
			}
			base = next;
			virtualBudget = next;
			best = attempt;
			currentCost = attemptCost;
			add1Steps++;
		}
	}

	let winners = [...best.winners];
	let filled: number[] = [];
	if (options.fill) {
		const chosen = new Set(winners);
		const rest = election.ids.map((_, p) => p).filter((p) => !chosen.has(p));
		filled = runGreedy(election, rest, budget - sumCosts(election, winners)).funded;
		winners = winners.concat(filled);
	}

	const spent = sumCosts(election, winners);
	const fundedIds = new Set(winners.map((p) => election.ids[p]));
	return {
		rule: 'equal-shares',
		utility,
		completion,
		winners: winners.map((p) => election.ids[p]),
		spent,
		left: budget - spent,
		voters: n,
		sharePerVoter: n > 0 ? budget / n : 0,
		virtualBudget,
		virtualSharePerVoter: n > 0 ? virtualBudget / n : 0,
		add1Steps,
		add1Stop,
		runs,
		rounds: best.rounds,
		dropped: best.dropped.filter((d) => !fundedIds.has(d.projectId)),
		filled: filled.map((p) => election.ids[p]),
		approvals: approvalsRecord(election)
	};
}
