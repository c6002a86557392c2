export { PabulibError, budgetOf, toCountInput, type PbElection, type PbProject, type PbVote } from './pabulib';
export { parsePabulib } from './parse-pabulib';
export { writePabulib } from './write-pabulib';
export {
	CountingError,
	compareIds,
	type Add1Stop,
	type Completion,
	type CountInput,
	type CountProject,
	type RuleName,
	type Utility
} from './election';
export { validateBallot, type BallotErrorCode, type BallotRules } from './validate-ballot';
export { countApproval, countGreedy, countKnapsack, type GreedyResult, type GreedyStep } from './greedy';
export { countEqualShares, type EqualSharesOptions, type EqualSharesResult } from './equal-shares';
export { type EqualSharesDropped, type EqualSharesRound } from './equal-shares-run';
export { count, type CountResult } from './rules';
export { explain, explainEqualShares, explainGreedy, TIE_BREAKING, type ExplainOptions } from './explain';
