export {
	PabulibError,
	parsePabulib,
	writePabulib,
	budgetOf,
	toCountInput,
	type PbElection,
	type PbProject,
	type PbVote
} from './pabulib';
export {
	CountingError,
	compareIds,
	count,
	countApproval,
	countEqualShares,
	countGreedy,
	countKnapsack,
	validateBallot,
	type Add1Stop,
	type BallotErrorCode,
	type BallotRules,
	type Completion,
	type CountInput,
	type CountProject,
	type CountResult,
	type EqualSharesDropped,
	type EqualSharesOptions,
	type EqualSharesResult,
	type EqualSharesRound,
	type GreedyResult,
	type GreedyStep,
	type RuleName,
	type Utility
} from './rules';
export { explain, explainEqualShares, explainGreedy, TIE_BREAKING, type ExplainOptions } from './explain';
