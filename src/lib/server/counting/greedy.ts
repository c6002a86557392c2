/**
 * Greedy counting, used for both 'knapsack' and 'approval' voting (they differ only in which
 * ballots are valid, see validateBallot): rank projects by number of approvals and fund each one
 * that still fits in what is left. Tie-breaking: more approvals, then lower cost, then project id
 * order. Projects without a single approval are never funded.
 */

import { approvalsRecord, prepare, sumCosts, type CountInput, type PreparedElection } from './election';

/** Greedy order: more approvals first, then cheaper, then project id order. */
function greedyOrder(election: PreparedElection, candidates: number[]): number[] {
	const { approvals, costs, idRank } = election;
	return [...candidates].sort(
		(a, b) => approvals[b] - approvals[a] || costs[a] - costs[b] || idRank[a] - idRank[b]
	);
}

export interface GreedyStep {
	projectId: string;
	approvals: number;
	cost: number;
	/** Budget still available when this project's turn came. */
	leftBefore: number;
	funded: boolean;
}

export interface GreedyResult {
	rule: 'knapsack' | 'approval';
	winners: string[];
	spent: number;
	left: number;
	voters: number;
	approvals: Record<string, number>;
	/** Every project with at least one approval, in ranking order. */
	steps: GreedyStep[];
}

export function runGreedy(
	election: PreparedElection,
	candidates: number[],
	available: number
): { funded: number[]; steps: GreedyStep[]; left: number } {
	const funded: number[] = [];
	const steps: GreedyStep[] = [];
	let left = available;
	for (const p of greedyOrder(election, candidates)) {
		if (election.approvals[p] === 0) continue;
		const cost = election.costs[p];
		const fits = cost <= left;
		steps.push({
			projectId: election.ids[p],
			approvals: election.approvals[p],
			cost,
			leftBefore: left,
			funded: fits
		});
		if (fits) {
			funded.push(p);
			left -= cost;
		}
	}
	return { funded, steps, left };
}

/**
 * Greedy by approvals. Knapsack and approval voting count the same way; pass the rule name so
 * the result (and its explanation) says which vote it was.
 */
export function countGreedy(
	input: CountInput,
	rule: 'knapsack' | 'approval' = 'approval'
): GreedyResult {
	const election = prepare(input);
	const all = election.ids.map((_, p) => p);
	const { funded, steps } = runGreedy(election, all, election.budget);
	const spent = sumCosts(election, funded);
	return {
		rule,
		winners: funded.map((p) => election.ids[p]),
		spent,
		left: election.budget - spent,
		voters: election.voterCount,
		approvals: approvalsRecord(election),
		steps
	};
}

export const countKnapsack = (input: CountInput): GreedyResult => countGreedy(input, 'knapsack');
export const countApproval = (input: CountInput): GreedyResult => countGreedy(input, 'approval');
