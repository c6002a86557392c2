/**
 * Counting rules for participatory budgeting with approval ballots, by name. Pure functions: no
 * I/O, no database, no clock, no randomness.
 *
 * - 'knapsack' and 'approval': greedy by approvals (greedy.ts).
 * - 'equal-shares': the Method of Equal Shares with the Add1 completion (equal-shares.ts, one
 *   MES run in equal-shares-run.ts).
 * Shared types, input checks and the last tie-breaker are in election.ts; which ballots are
 * valid under each rule is validate-ballot.ts.
 */

import { CountingError, type CountInput, type RuleName } from './election';
import { countEqualShares, type EqualSharesOptions, type EqualSharesResult } from './equal-shares';
import { countApproval, countKnapsack, type GreedyResult } from './greedy';

export type CountResult = GreedyResult | EqualSharesResult;

export function count(
	rule: RuleName,
	input: CountInput,
	options: EqualSharesOptions = {}
): CountResult {
	switch (rule) {
		case 'knapsack':
			return countKnapsack(input);
		case 'approval':
			return countApproval(input);
		case 'equal-shares':
			return countEqualShares(input, options);
		default:
			throw new CountingError('count.unknown_rule', `unknown rule '${String(rule)}'`);
	}
}
