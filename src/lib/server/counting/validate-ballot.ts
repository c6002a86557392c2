import type { RuleName } from './election';

export type BallotErrorCode =
	| 'ballot.unknown_project'
	| 'ballot.duplicate'
	| 'ballot.too_many'
	| 'ballot.too_few'
	| 'ballot.over_budget';

export interface BallotRules {
	budget: number;
	costs: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
	/** Most projects one ballot may approve (approval voting's K); no limit when absent. */
	maxChoices?: number;
	/** Fewest projects one ballot must approve; no minimum when absent. */
	minChoices?: number;
}

function costOf(costs: BallotRules['costs'], id: string): number | undefined {
	if (costs instanceof Map) return costs.get(id);
	const record = costs as Readonly<Record<string, number>>;
	return Object.prototype.hasOwnProperty.call(record, id) ? record[id] : undefined;
}

/**
 * Checks one ballot against the rules of the vote. Returns the first problem found, or null.
 * Knapsack ballots may not cost more than the budget in total; maxChoices/minChoices apply to
 * every rule when set (approval voting's "at most K projects").
 */
export function validateBallot(
	rule: RuleName,
	ballot: readonly string[],
	rules: BallotRules
): BallotErrorCode | null {
	const seen = new Set<string>();
	let total = 0;
	for (const id of ballot) {
		const cost = costOf(rules.costs, id);
		if (cost === undefined) return 'ballot.unknown_project';
		if (seen.has(id)) return 'ballot.duplicate';
		seen.add(id);
		total += cost;
	}
	if (rules.maxChoices !== undefined && ballot.length > rules.maxChoices) return 'ballot.too_many';
	if (rules.minChoices !== undefined && ballot.length < rules.minChoices) return 'ballot.too_few';
	if (rule === 'knapsack' && total > rules.budget) return 'ballot.over_budget';
	return null;
}
