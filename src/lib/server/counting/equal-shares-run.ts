/**
 * One run of the Method of Equal Shares (MES), as specified and implemented on equalshares.net,
 * for a given (possibly virtual) budget: the budget is split equally among all voters; each
 * round funds the project whose supporters can pay for it with the lowest "price per unit of
 * utility" rho, each supporter paying min(money left, rho × utility). Utility is the project's
 * cost ('cost', so rho is the largest payment divided by the cost) or 1 ('unit', so rho is the
 * largest payment). Tie-breaking (equalshares.net): lowest rho, then lower cost, then more
 * approvals; we add project id order as the last resort where equalshares.net would stop with an
 * error. Projects are never split: a project is funded in full or not at all.
 *
 * Arithmetic: costs are integers, but per-voter shares (budget / voters) are not, so MES works
 * in floating point and compares with a relative tolerance (EPSILON) wherever an exact rational
 * comparison could tip the outcome: affordability, ties on rho, and spending a voter's last cent.
 */

import type { PreparedElection, Utility } from './election';

/** Relative tolerance for comparisons that would be exact in rational arithmetic. */
const EPSILON = 1e-9;

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

export interface MesRun {
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

export function runEqualSharesOnce(
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
