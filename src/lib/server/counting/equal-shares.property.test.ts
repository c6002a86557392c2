import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareIds, type Completion, type CountInput, type Utility } from './election';
import { countEqualShares } from './equal-shares';
import { smallElection } from './test-elections';

// ---------------------------------------------------------------------------------------------
// An independent, deliberately naive implementation in exact rational arithmetic (BigInt), one
// voter at a time, to check the fast floating-point one against.
// ---------------------------------------------------------------------------------------------

type Q = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const q = (n: bigint, d = 1n): Q => {
	if (d < 0n) [n, d] = [-n, -d];
	const g = gcd(n, d) || 1n;
	return { n: n / g, d: d / g };
};
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q) => {
	const x = a.n * b.d - b.n * a.d;
	return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const ZERO = q(0n);

function naiveMes(input: CountInput, virtualBudget: bigint, utility: Utility): string[] {
	const n = BigInt(input.ballots.length);
	const ballots = input.ballots.map((b) => new Set(b));
	const wallet = ballots.map(() => q(virtualBudget, n));
	const cost = new Map(input.projects.map((p) => [p.id, BigInt(p.cost)]));
	const approvals = new Map(input.projects.map((p) => [p.id, ballots.filter((b) => b.has(p.id)).length]));
	let remaining = input.projects.map((p) => p.id).filter((id) => approvals.get(id)! > 0);
	const winners: string[] = [];
	for (;;) {
		let best: { id: string; rho: Q; cap: Q } | null = null;
		for (const id of remaining) {
			const c = q(cost.get(id)!);
			const supporters = ballots.map((_, i) => i).filter((i) => ballots[i].has(id));
			const money = supporters.reduce((s, i) => add(s, wallet[i]), ZERO);
			if (cmp(money, c) < 0) continue;
			supporters.sort((x, y) => cmp(wallet[x], wallet[y]));
			let paid = ZERO;
			let payers = BigInt(supporters.length);
			let cap = ZERO;
			for (const i of supporters) {
				cap = div(sub(c, paid), q(payers));
				if (cmp(cap, wallet[i]) <= 0) break;
				paid = add(paid, wallet[i]);
				payers -= 1n;
			}
			const rho = utility === 'cost' ? div(cap, c) : cap;
			const better =
				!best ||
				cmp(rho, best.rho) < 0 ||
				(cmp(rho, best.rho) === 0 &&
					(cost.get(id)! < cost.get(best.id)! ||
						(cost.get(id)! === cost.get(best.id)! &&
							(approvals.get(id)! > approvals.get(best.id)! ||
								(approvals.get(id) === approvals.get(best.id) && compareIds(id, best.id) < 0)))));
			if (better) best = { id, rho, cap };
		}
		if (!best) return winners;
		const chosen = best;
		winners.push(chosen.id);
		remaining = remaining.filter((id) => id !== chosen.id);
		ballots.forEach((b, i) => {
			if (b.has(chosen.id)) wallet[i] = cmp(wallet[i], chosen.cap) <= 0 ? ZERO : sub(wallet[i], chosen.cap);
		});
	}
}

function naiveEqualShares(input: CountInput, utility: Utility, completion: Completion): string[] {
	const n = BigInt(input.ballots.length);
	const budget = BigInt(input.budget);
	const costOf = new Map(input.projects.map((p) => [p.id, BigInt(p.cost)]));
	const total = (ids: string[]) => ids.reduce((s, id) => s + costOf.get(id)!, 0n);
	let best = naiveMes(input, budget, utility);
	if (completion === 'none') return best;
	const electable = input.projects.filter((p) => input.ballots.some((b) => b.includes(p.id))).length;
	let base = completion === 'add1' ? budget : (budget / n) * n;
	for (;;) {
		if (completion === 'add1-exhaustive') {
			const spent = total(best);
			if (!input.projects.some((p) => !best.includes(p.id) && spent + BigInt(p.cost) <= budget)) return best;
		}
		if (best.length === electable) return best;
		const attempt = naiveMes(input, base + n, utility);
		if (total(attempt) > budget) return best;
		base += n;
		best = attempt;
	}
}

describe('Method of Equal Shares agrees with an exact rational implementation (property)', () => {
	for (const utility of ['cost', 'unit'] as const) {
		for (const completion of ['none', 'add1', 'add1-exhaustive'] as const) {
			it(`utility ${utility}, completion ${completion}`, () => {
				fc.assert(
					fc.property(smallElection, (input) => {
						expect(countEqualShares(input, { utility, completion }).winners).toEqual(naiveEqualShares(input, utility, completion));
					}),
					{ numRuns: completion === 'none' ? 400 : 150 }
				);
			});
		}
	}
});
