/**
 * Counting rules for participatory budgeting with approval ballots. Pure functions: no I/O,
 * no database, no clock, no randomness.
 *
 * Every rule is deterministic and independent of ballot order: ballots are first grouped by
 * their (sorted, de-duplicated) set of projects, and groups are processed in a canonical order,
 * so even floating-point sums come out bit-identical whatever order the ballots arrive in.
 *
 * Rules
 * - Greedy (used for both 'knapsack' and 'approval' voting; they differ only in which ballots
 *   are valid, see validateBallot): rank projects by number of approvals and fund each one that
 *   still fits in what is left. Tie-breaking: more approvals, then lower cost, then project id
 *   order. Projects without a single approval are never funded.
 * - Method of Equal Shares (MES), as specified and implemented on equalshares.net: the budget
 *   is split equally among all voters; each round funds the project whose supporters can pay for
 *   it with the lowest "price per unit of utility" rho, each supporter paying min(money left,
 *   rho × utility). Utility is the project's cost ('cost', what real elections use, so rho is the
 *   largest payment divided by the cost) or 1 ('unit', the textbook/committee variant, so rho is
 *   the largest payment). Completion "Add1": re-run with one currency unit more per voter
 *   (budget + number of voters, + 2 × voters, ...) for as long as the outcome's total cost still
 *   fits the real budget, and keep the last outcome that fits; this reproduces the official
 *   Wieliczka 2023 and Assen 2024 results exactly. Optional `fill` then funds what still fits
 *   greedily by approvals.
 *   Tie-breaking (equalshares.net): lowest rho, then lower cost, then more approvals; we add
 *   project id order as the last resort where equalshares.net would stop with an error.
 *   Projects are never split: a project is funded in full or not at all.
 *
 * Arithmetic: costs are integers, but per-voter shares (budget / voters) are not, so MES works
 * in floating point and compares with a relative tolerance (EPSILON) wherever an exact rational
 * comparison could tip the outcome: affordability, ties on rho, and spending a voter's last cent.
 */

export type RuleName = 'knapsack' | 'approval' | 'equal-shares';
export type Utility = 'cost' | 'unit';
export type Completion = 'add1' | 'add1-exhaustive' | 'none';
/** Why the Add1 completion stopped. */
export type Add1Stop = 'not-run' | 'over-budget' | 'exhaustive' | 'all-funded' | 'run-limit';

export interface CountProject {
	id: string;
	/** Cost in whole currency units (euros); must be positive. */
	cost: number;
}

export interface CountInput {
	budget: number;
	projects: readonly CountProject[];
	/** One entry per voter: the ids of the projects that voter approves. */
	ballots: readonly (readonly string[])[];
}

export class CountingError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'CountingError';
	}
}

/** Relative tolerance for comparisons that would be exact in rational arithmetic. */
const EPSILON = 1e-9;

/**
 * Safety net for Add1 on degenerate inputs (a handful of voters and costs far above the budget
 * need one run per currency unit per voter). Real elections stop after a few hundred runs.
 */
const MAX_MES_RUNS = 20_000;

// ---------------------------------------------------------------------------------------------
// Ballot validation
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Preparing the election: index projects, group identical ballots
// ---------------------------------------------------------------------------------------------

interface PreparedElection {
	budget: number;
	ids: string[];
	costs: number[];
	/** Number of ballots, including empty ones: every voter gets an equal share under MES. */
	voterCount: number;
	/** Approvals per project (each voter counted at most once). */
	approvals: number[];
	/** For every project, the ballot groups (distinct approval sets) that approve it. */
	supporterGroups: Int32Array[];
	/** Number of voters in each ballot group. */
	groupSize: Int32Array;
	/** Position of each project in project-id order, the last tie-breaker. */
	idRank: number[];
}

/** Orders ids naturally: numeric ids by value ("9" before "10"), others by code point. */
export function compareIds(a: string, b: string): number {
	const numeric = /^\d+$/;
	if (numeric.test(a) && numeric.test(b)) {
		const x = a.replace(/^0+(?=\d)/, '');
		const y = b.replace(/^0+(?=\d)/, '');
		if (x.length !== y.length) return x.length - y.length;
		if (x !== y) return x < y ? -1 : 1;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}

function prepare(input: CountInput): PreparedElection {
	const { budget, projects, ballots } = input;
	if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 0) {
		throw new CountingError('count.invalid_budget', `budget must be a non-negative number, got ${budget}`);
	}
	const indexOf = new Map<string, number>();
	const ids: string[] = [];
	const costs: number[] = [];
	for (const project of projects) {
		if (indexOf.has(project.id)) {
			throw new CountingError('count.duplicate_project', `project '${project.id}' appears twice`);
		}
		if (typeof project.cost !== 'number' || !Number.isFinite(project.cost) || project.cost <= 0) {
			throw new CountingError(
				'count.invalid_cost',
				`project '${project.id}' must have a positive cost, got ${project.cost}`
			);
		}
		indexOf.set(project.id, ids.length);
		ids.push(project.id);
		costs.push(project.cost);
	}

	// Group voters with the same approval set: they are indistinguishable to every rule here,
	// and real elections have many identical short ballots.
	const groups = new Map<string, { projects: number[]; size: number }>();
	ballots.forEach((ballot, ballotIndex) => {
		const chosen = new Set<number>();
		for (const id of ballot) {
			const index = indexOf.get(id);
			if (index === undefined) {
				throw new CountingError(
					'ballot.unknown_project',
					`ballot ${ballotIndex + 1} approves unknown project '${id}'`
				);
			}
			chosen.add(index);
		}
		if (chosen.size === 0) return;
		const sorted = [...chosen].sort((a, b) => a - b);
		const key = sorted.join(',');
		const group = groups.get(key);
		if (group) group.size++;
		else groups.set(key, { projects: sorted, size: 1 });
	});

	// Canonical group order (lexicographic on project indices) makes float sums reproducible.
	const ordered = [...groups.values()].sort((a, b) => compareIndexLists(a.projects, b.projects));
	const groupSize = new Int32Array(ordered.length);
	const approvals = new Array<number>(ids.length).fill(0);
	const supporterLists: number[][] = ids.map(() => []);
	ordered.forEach((group, g) => {
		groupSize[g] = group.size;
		for (const p of group.projects) {
			supporterLists[p].push(g);
			approvals[p] += group.size;
		}
	});

	const byId = ids.map((_, i) => i).sort((a, b) => compareIds(ids[a], ids[b]));
	const idRank = new Array<number>(ids.length);
	byId.forEach((p, rank) => (idRank[p] = rank));

	return {
		budget,
		ids,
		costs,
		voterCount: ballots.length,
		approvals,
		supporterGroups: supporterLists.map((list) => Int32Array.from(list)),
		groupSize,
		idRank
	};
}

function compareIndexLists(a: number[], b: number[]): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
	return a.length - b.length;
}

/** Greedy order: more approvals first, then cheaper, then project id order. */
function greedyOrder(election: PreparedElection, candidates: number[]): number[] {
	const { approvals, costs, idRank } = election;
	return [...candidates].sort(
		(a, b) => approvals[b] - approvals[a] || costs[a] - costs[b] || idRank[a] - idRank[b]
	);
}

function sumCosts(election: PreparedElection, chosen: readonly number[]): number {
	let total = 0;
	for (const p of chosen) total += election.costs[p];
	return total;
}

// ---------------------------------------------------------------------------------------------
// Greedy: knapsack and approval voting
// ---------------------------------------------------------------------------------------------

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

function runGreedy(
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

function approvalsRecord(election: PreparedElection): Record<string, number> {
	const record: Record<string, number> = {};
	election.ids.forEach((id, p) => (record[id] = election.approvals[p]));
	return record;
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

// ---------------------------------------------------------------------------------------------
// Method of Equal Shares
// ---------------------------------------------------------------------------------------------

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

export interface EqualSharesRound {
	projectId: string;
	cost: number;
	approvals: number;
	/** The most any single supporter paid: everyone who could afford it paid exactly this. */
	maxPayment: number;
	/** Price per unit of utility: maxPayment / cost ('cost' utility) or maxPayment ('unit'). */
	rho: number;
	/** Supporters who paid maxPayment. */
	payingMax: number;
	/** Supporters who could not afford maxPayment and paid everything they had left. */
	payingRest: number;
	/** Total paid by the payingRest supporters. */
	paidByRest: number;
	/** Supporters who had nothing left to give. */
	payingNothing: number;
	/** Projects with the same rho that lost on tie-breaking, if any. */
	tiedWith: string[];
}

export interface EqualSharesDropped {
	projectId: string;
	cost: number;
	approvals: number;
	/** What its supporters had left when it became unaffordable. */
	moneyBehind: number;
	/** Number of projects already funded at that moment. */
	afterRound: number;
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

interface MesRun {
	winners: number[];
	rounds: EqualSharesRound[];
	dropped: EqualSharesDropped[];
}

/**
 * Voters are tracked in "wallet classes": voters who approve the same subset of the projects
 * funded so far have paid exactly the same amounts, so they share a class (and all empty
 * wallets share one). Evaluating a project is then one pass over its ballot groups plus work
 * proportional to the number of distinct wallets among its supporters — never a sort over
 * every supporter.
 */
class Wallets {
	static readonly EMPTY = 0;
	/** Money left per class; class 0 is the empty wallet. */
	readonly money: number[] = [0];
	/** Class of each ballot group. */
	readonly classOf: Int32Array;
	/** Classes among the groups of the last gather(), with their voter counts in weight[]. */
	readonly touched: number[] = [];
	readonly weight: number[] = [0];
	/** Scratch per class for charge(): the class its voters move to. */
	readonly target: number[] = [0];
	/** Most money any voter among the last gather() had left. */
	richest = 0;
	private stamp: number[] = [0];
	private currentStamp = 0;

	constructor(groupCount: number, share: number) {
		this.classOf = new Int32Array(groupCount).fill(this.newClass(share));
	}

	newClass(amount: number): number {
		if (amount <= 0) return Wallets.EMPTY;
		this.money.push(amount);
		this.stamp.push(0);
		this.weight.push(0);
		this.target.push(0);
		return this.money.length - 1;
	}

	/** Collects the classes among the given groups, with voter counts; returns total money. */
	gather(groups: Int32Array, groupSize: Int32Array): number {
		const stampId = ++this.currentStamp;
		const { stamp, weight, touched, classOf, money } = this;
		touched.length = 0;
		for (let i = 0; i < groups.length; i++) {
			const g = groups[i];
			const c = classOf[g];
			if (stamp[c] !== stampId) {
				stamp[c] = stampId;
				weight[c] = 0;
				touched.push(c);
			}
			weight[c] += groupSize[g];
		}
		let total = 0;
		let richest = 0;
		for (const c of touched) {
			total += money[c] * weight[c];
			if (money[c] > richest) richest = money[c];
		}
		this.richest = richest;
		return total;
	}
}

/**
 * The smallest payment cap q such that supporters paying min(money left, q) cover the cost;
 * null when the supporters together cannot afford the project.
 *
 * Fixed point instead of a sort: start from an equal split; whoever cannot pay it pays all they
 * have, which raises the split for the others; repeat until nobody else drops out. Each pass
 * only revisits the wallets that could still pay, and it typically settles in a few passes.
 */
function paymentCap(
	wallets: Wallets,
	groups: Int32Array,
	groupSize: Int32Array,
	cost: number,
	approvals: number,
	scratch: number[]
): { cap: number | null; moneyBehind: number } {
	const moneyBehind = wallets.gather(groups, groupSize);
	if (moneyBehind < cost * (1 - EPSILON)) return { cap: null, moneyBehind };
	const { money, weight, touched } = wallets;
	let candidates = touched.length;
	for (let i = 0; i < candidates; i++) scratch[i] = touched[i];
	let paid = 0;
	let payers = approvals;
	let cap = cost / payers;
	for (;;) {
		let kept = 0;
		for (let i = 0; i < candidates; i++) {
			const c = scratch[i];
			if (money[c] < cap) {
				paid += money[c] * weight[c];
				payers -= weight[c];
			} else {
				scratch[kept++] = c;
			}
		}
		if (kept === candidates) return { cap, moneyBehind };
		candidates = kept;
		// Everyone pays everything: affordable only by rounding, so the cap is the richest wallet.
		if (candidates === 0 || payers <= 0) return { cap: wallets.richest, moneyBehind };
		cap = (cost - paid) / payers;
	}
}

function runEqualSharesOnce(
	election: PreparedElection,
	totalBudget: number,
	utility: Utility
): MesRun {
	const { costs, approvals, supporterGroups, groupSize, ids } = election;
	const wallets = new Wallets(groupSize.length, totalBudget / election.voterCount);
	const scratch: number[] = [];
	const rhoOf = (p: number, cap: number) => (utility === 'cost' ? cap / costs[p] : cap);

	// Lower bound on each project's rho: budgets only shrink, so rho only grows. Start from the
	// rho it would have if every supporter could pay an equal share.
	const lowerBound = costs.map((cost, p) => rhoOf(p, cost / approvals[p]));
	let remaining = ids.map((_, p) => p).filter((p) => approvals[p] > 0);
	const winners: number[] = [];
	const rounds: EqualSharesRound[] = [];
	const dropped: EqualSharesDropped[] = [];

	while (remaining.length > 0) {
		remaining.sort((a, b) => lowerBound[a] - lowerBound[b] || a - b);
		let bestRho = Infinity;
		const evaluated: { p: number; rho: number; cap: number }[] = [];
		const unaffordable = new Set<number>();
		for (const p of remaining) {
			if (lowerBound[p] > bestRho * (1 + EPSILON)) break;
			const result = paymentCap(wallets, supporterGroups[p], groupSize, costs[p], approvals[p], scratch);
			if (result.cap === null) {
				unaffordable.add(p);
				dropped.push({
					projectId: ids[p],
					cost: costs[p],
					approvals: approvals[p],
					moneyBehind: result.moneyBehind,
					afterRound: winners.length
				});
				continue;
			}
			const rho = rhoOf(p, result.cap);
			lowerBound[p] = rho;
			evaluated.push({ p, rho, cap: result.cap });
			if (rho < bestRho) bestRho = rho;
		}
		if (unaffordable.size > 0) remaining = remaining.filter((p) => !unaffordable.has(p));
		if (evaluated.length === 0) break;

		const tied = evaluated.filter((e) => e.rho <= bestRho * (1 + EPSILON));
		tied.sort(
			(a, b) =>
				costs[a.p] - costs[b.p] ||
				approvals[b.p] - approvals[a.p] ||
				election.idRank[a.p] - election.idRank[b.p]
		);
		const chosen = tied[0];
		rounds.push(charge(election, wallets, chosen.p, chosen.cap, chosen.rho, tied.slice(1).map((t) => ids[t.p])));
		winners.push(chosen.p);
		remaining = remaining.filter((p) => p !== chosen.p);
	}
	return { winners, rounds, dropped };
}

/** Supporters of `p` pay min(money left, cap); records who paid what. */
function charge(
	election: PreparedElection,
	wallets: Wallets,
	p: number,
	cap: number,
	rho: number,
	tiedWith: string[]
): EqualSharesRound {
	const groups = election.supporterGroups[p];
	wallets.gather(groups, election.groupSize);
	const { money, weight, target } = wallets;
	// touched is rebuilt by the next gather(), and newClass() only appends: safe to iterate.
	const classes = wallets.touched.slice();
	let payingMax = 0;
	let payingRest = 0;
	let paidByRest = 0;
	let payingNothing = 0;
	for (const c of classes) {
		const available = money[c];
		const w = weight[c];
		let after = 0;
		if (available >= cap * (1 - EPSILON)) {
			payingMax += w;
			// Spending (almost) the last cent empties the wallet: avoid rounding crumbs.
			if (available - cap > cap * EPSILON) after = available - cap;
		} else if (available > 0) {
			payingRest += w;
			paidByRest += available * w;
		} else {
			payingNothing += w;
		}
		target[c] = after === available ? c : wallets.newClass(after);
	}
	const classOf = wallets.classOf;
	for (let i = 0; i < groups.length; i++) classOf[groups[i]] = target[classOf[groups[i]]];
	return {
		projectId: election.ids[p],
		cost: election.costs[p],
		approvals: election.approvals[p],
		maxPayment: cap,
		rho,
		payingMax,
		payingRest,
		paidByRest,
		payingNothing,
		tiedWith
	};
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

// ---------------------------------------------------------------------------------------------
// One entry point
// ---------------------------------------------------------------------------------------------

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
