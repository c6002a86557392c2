import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	CountingError,
	compareIds,
	count,
	countApproval,
	countEqualShares,
	countGreedy,
	countKnapsack,
	validateBallot,
	type Completion,
	type CountInput,
	type Utility
} from './rules';
import { explain } from './explain';

/** `n` copies of a ballot. */
const times = (n: number, ballot: string[]): string[][] => Array.from({ length: n }, () => [...ballot]);

describe('greedy counting (knapsack and approval voting)', () => {
	it('takes projects by votes and skips the ones that no longer fit', () => {
		const input: CountInput = {
			budget: 10,
			projects: [
				{ id: 'a', cost: 6 },
				{ id: 'b', cost: 5 },
				{ id: 'c', cost: 4 },
				{ id: 'd', cost: 1 }
			],
			// a: 5 votes, b: 4, c: 3, d: 1
			ballots: [...times(2, ['a', 'b', 'c']), ...times(1, ['a', 'b', 'c', 'd']), ...times(1, ['a', 'b']), ['a']]
		};
		const result = countApproval(input);
		expect(result.winners).toEqual(['a', 'c']);
		expect(result.spent).toBe(10);
		expect(result.left).toBe(0);
		expect(result.approvals).toEqual({ a: 5, b: 4, c: 3, d: 1 });
		expect(result.steps.map((s) => [s.projectId, s.funded, s.leftBefore])).toEqual([
			['a', true, 10],
			['b', false, 4],
			['c', true, 4],
			['d', false, 0]
		]);
		expect(countKnapsack(input).winners).toEqual(['a', 'c']);
		expect(countKnapsack(input).rule).toBe('knapsack');
	});

	it('breaks ties on votes by lower cost, then by project id in natural order', () => {
		const input: CountInput = {
			budget: 100,
			projects: [
				{ id: '10', cost: 30 },
				{ id: '9', cost: 30 },
				{ id: 'x', cost: 20 },
				{ id: 'top', cost: 40 }
			],
			ballots: [['10', '9', 'x', 'top'], ['top']]
		};
		// top has 2 votes; 10, 9 and x tie on 1 vote: x is cheapest, then 9 before 10.
		expect(countGreedy(input).winners).toEqual(['top', 'x', '9']);
	});

	it('never funds a project nobody voted for', () => {
		const input: CountInput = { budget: 100, projects: [{ id: 'a', cost: 10 }, { id: 'b', cost: 10 }], ballots: [['a']] };
		expect(countGreedy(input).winners).toEqual(['a']);
		expect(countEqualShares(input, { fill: true }).winners).toEqual(['a']);
	});

	it('counts a voter once even if a ballot names a project twice', () => {
		const input: CountInput = { budget: 10, projects: [{ id: 'a', cost: 10 }, { id: 'b', cost: 10 }], ballots: [['a', 'a'], ['b'], ['b']] };
		expect(countGreedy(input).approvals).toEqual({ a: 1, b: 2 });
		expect(countGreedy(input).winners).toEqual(['b']);
	});

	it('rejects bad input with a CountingError', () => {
		const projects = [{ id: 'a', cost: 10 }];
		expect(() => countGreedy({ budget: -1, projects, ballots: [] })).toThrow(CountingError);
		expect(() => countGreedy({ budget: 10, projects: [{ id: 'a', cost: 0 }], ballots: [] })).toThrow(/positive cost/);
		expect(() => countGreedy({ budget: 10, projects: [...projects, ...projects], ballots: [] })).toThrow(/twice/);
		expect(() => countGreedy({ budget: 10, projects, ballots: [['zz']] })).toThrow(/ballot 1 approves unknown project 'zz'/);
		expect(() => count('borda' as never, { budget: 10, projects, ballots: [] })).toThrow(/unknown rule/);
	});
});

describe('validateBallot', () => {
	const rules = { budget: 100, costs: { a: 60, b: 50, c: 10 }, maxChoices: 2 };
	it('accepts a valid ballot', () => {
		expect(validateBallot('approval', ['a', 'b'], rules)).toBeNull();
		expect(validateBallot('knapsack', ['b', 'c'], { ...rules, maxChoices: undefined })).toBeNull();
		expect(validateBallot('approval', [], rules)).toBeNull();
	});
	it('reports unknown and duplicate projects for every rule', () => {
		for (const rule of ['approval', 'knapsack', 'equal-shares'] as const) {
			expect(validateBallot(rule, ['a', 'q'], rules)).toBe('ballot.unknown_project');
			expect(validateBallot(rule, ['a', 'a'], rules)).toBe('ballot.duplicate');
		}
	});
	it('limits approval ballots to K projects', () => {
		expect(validateBallot('approval', ['a', 'b', 'c'], rules)).toBe('ballot.too_many');
		expect(validateBallot('approval', ['a'], { ...rules, minChoices: 2 })).toBe('ballot.too_few');
	});
	it('limits knapsack ballots to the budget', () => {
		expect(validateBallot('knapsack', ['a', 'b'], rules)).toBe('ballot.over_budget');
		expect(validateBallot('approval', ['a', 'b'], rules)).toBeNull();
	});
	it('takes costs from a Map as well', () => {
		expect(validateBallot('knapsack', ['a', 'b'], { budget: 100, costs: new Map([['a', 60], ['b', 50]]) })).toBe('ballot.over_budget');
	});
});

describe('Method of Equal Shares: worked examples', () => {
	/**
	 * Wikipedia, "Method of equal shares", Example 1: 100 voters, 9 projects costing $200 each,
	 * budget $1000 ($10 per voter). The article gives the rounds in prose (its voter/project
	 * chart is an image): D is funded first at $3.03 per supporter, then A at $3.33, then C at
	 * $3.64 — after which the first 46 voters have no money left — then G, where some voters pay
	 * all they have left and the largest payment is $6.97, and finally H, paid only by the fourth
	 * group at $10 each. The profile below is reconstructed to match every one of those figures
	 * (C needs exactly 55 supporters for its $3.64 = $200/55 to empty voters 1–46; the prose
	 * mentions 56 votes). It also exercises two exact-rational boundaries: C empties voters 1–46
	 * to the cent, and G is affordable with exactly $200 behind it.
	 */
	const wikipedia: CountInput = {
		budget: 1000,
		projects: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((id) => ({ id, cost: 200 })),
		ballots: [
			...times(46, ['A', 'B', 'C', 'D']), // voters 1–46
			...times(20, ['D', 'G']), // voters 47–66
			...times(9, ['A', 'C', 'G']), // voters 67–75
			...times(5, ['A', 'E', 'G', 'I']), // voters 76–80
			...times(5, ['F', 'H', 'I']), // voters 81–85
			...times(5, ['F', 'H']), // voters 86–90
			...times(10, ['H']) // voters 91–100
		]
	};

	it('reproduces Wikipedia example 1 with unit utilities', () => {
		const result = countEqualShares(wikipedia, { utility: 'unit', completion: 'none' });
		expect(result.winners).toEqual(['D', 'A', 'C', 'G', 'H']);
		expect(result.rounds.map((r) => r.maxPayment.toFixed(2))).toEqual(['3.03', '3.33', '3.64', '6.97', '10.00']);
		expect(result.spent).toBe(1000);
		const [d, a, c, g, h] = result.rounds;
		expect([d.payingMax, a.payingMax, c.payingMax, h.payingMax]).toEqual([66, 60, 55, 20]);
		// G: voters 47–66 pay their last $6.97; voters 67–80 pay all they have left (less).
		expect(g.payingMax).toBe(20);
		expect(g.payingRest).toBe(14);
		expect(g.paidByRest).toBeCloseTo(200 - 20 * (10 - 200 / 66), 9);
		expect(result.sharePerVoter).toBe(10);
	});

	it('gives the same outcome with cost utilities, since all projects cost the same', () => {
		expect(countEqualShares(wikipedia, { utility: 'cost', completion: 'none' }).winners).toEqual(['D', 'A', 'C', 'G', 'H']);
	});

	/**
	 * Lackner & Skowron, "Multi-Winner Voting with Approval Preferences" (2023), Example 12 as
	 * printed by the abcvoting test suite: 8 voters, committee of 3 = budget 3 with unit costs.
	 * Phase 1 of Equal Shares adds c (q = 1/5) then a (q = 13/40), and stops.
	 */
	it('reproduces the abcvoting book example (committee election, unit costs)', () => {
		const input: CountInput = {
			budget: 3,
			projects: ['a', 'b', 'c', 'd'].map((id) => ({ id, cost: 1 })),
			ballots: [...times(3, ['c', 'd']), ...times(2, ['a', 'b']), ...times(2, ['a', 'c']), ['b', 'd']]
		};
		const result = countEqualShares(input, { utility: 'unit', completion: 'none' });
		expect(result.winners).toEqual(['c', 'a']);
		expect(result.rounds[0].maxPayment).toBeCloseTo(1 / 5, 12);
		expect(result.rounds[1].maxPayment).toBeCloseTo(13 / 40, 12);
		expect(result.rounds[1].payingRest).toBe(2); // the a-and-c voters had only 7/40 left
	});

	it('reproduces phase 1 of the abcvoting book example 11', () => {
		const input: CountInput = {
			budget: 4,
			projects: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id, cost: 1 })),
			ballots: [...times(3, ['a', 'b']), ...times(3, ['a', 'c']), ...times(2, ['a', 'd']), ['b', 'c', 'f'], ['e'], ['f'], ['g']]
		};
		const result = countEqualShares(input, { utility: 'unit', completion: 'none' });
		expect(result.winners).toEqual(['a']);
		expect(result.rounds[0].maxPayment).toBeCloseTo(1 / 8, 12);
		// Greedy fill then adds the most popular projects that fit: b and c (4 votes each, b
		// first by id), then d (2 votes, tied with f, first by id).
		expect(countEqualShares(input, { utility: 'unit', completion: 'none', fill: true }).winners).toEqual(['a', 'b', 'c', 'd']);
	});

	it('differs between cost and unit utilities when costs differ', () => {
		// 10 voters with 10 each. X costs 90 and everyone wants it; Y costs 24, three want it.
		// Cost utility: X's price per unit (9/90) beats Y's (8/24); after X nobody can pay for Y.
		// Unit utility: Y's largest payment (8) beats X's (9); after Y, X is short of money.
		const input: CountInput = {
			budget: 100,
			projects: [{ id: 'X', cost: 90 }, { id: 'Y', cost: 24 }],
			ballots: [...times(3, ['X', 'Y']), ...times(7, ['X'])]
		};
		expect(countEqualShares(input, { utility: 'cost', completion: 'none' }).winners).toEqual(['X']);
		expect(countEqualShares(input, { utility: 'unit', completion: 'none' }).winners).toEqual(['Y']);
	});

	it('is proportional where greedy is not (51% red / 49% blue)', () => {
		// Wikipedia's motivating example: 10 red and 10 blue projects, money for 10 of them.
		const projects = [...'ABCDEFGHIJ'].flatMap((l) => [{ id: `red${l}`, cost: 100 }, { id: `blue${l}`, cost: 100 }]);
		const reds = projects.filter((p) => p.id.startsWith('red')).map((p) => p.id);
		const blues = projects.filter((p) => p.id.startsWith('blue')).map((p) => p.id);
		const input: CountInput = { budget: 1000, projects, ballots: [...times(51, reds), ...times(49, blues)] };
		expect(countGreedy(input).winners.every((id) => id.startsWith('red'))).toBe(true);
		// Bare MES: blue voters hold 490, enough for 4 projects; Add1 (11 per voter) gives 5 + 5.
		const bare = countEqualShares(input, { completion: 'none' });
		expect(bare.winners.filter((id) => id.startsWith('blue'))).toHaveLength(4);
		const mes = countEqualShares(input);
		expect(mes.winners.filter((id) => id.startsWith('red'))).toHaveLength(5);
		expect(mes.winners.filter((id) => id.startsWith('blue'))).toHaveLength(5);
		expect(mes.virtualSharePerVoter).toBe(11);
	});

	it('reports per-supporter payments a neighbour can read', () => {
		// 12 households at €50 each; X costs €50 and all 12 want it.
		const input: CountInput = { budget: 600, projects: [{ id: 'X', cost: 50 }], ballots: times(12, ['X']) };
		const result = countEqualShares(input, { completion: 'none' });
		expect(result.rounds[0]).toMatchObject({ projectId: 'X', approvals: 12, payingMax: 12, payingRest: 0 });
		expect(result.rounds[0].maxPayment.toFixed(2)).toBe('4.17');
		expect(explain(result).join('\n')).toContain('each of the 12 supporters paid 4.17 of their share of 50.00');
	});

	it('Add1 raises the share while the outcome still fits, and fill spends the rest', () => {
		// 4 voters, budget 100 (25 each). P (60) is wanted by 2, Q (40) by the other 2.
		// Plain MES: 2 × 25 = 50 < 60 and 50 ≥ 40 → only Q. Add1: at 30 per voter P becomes
		// affordable; the outcome {P, Q} costs 100 and still fits, so Add1 keeps it.
		const input: CountInput = {
			budget: 100,
			projects: [{ id: 'P', cost: 60 }, { id: 'Q', cost: 40 }, { id: 'R', cost: 5 }],
			ballots: [['P'], ['P'], ['Q'], ['Q']]
		};
		expect(countEqualShares(input, { completion: 'none' }).winners).toEqual(['Q']);
		const result = countEqualShares(input);
		expect([...result.winners].sort()).toEqual(['P', 'Q']);
		expect(result.add1Steps).toBeGreaterThan(0);
		expect(result.virtualSharePerVoter).toBeGreaterThanOrEqual(30);
		expect(result.spent).toBe(100);

		const fill: CountInput = { ...input, budget: 110, ballots: [...input.ballots, ['R']] };
		const filled = countEqualShares(fill, { completion: 'none', fill: true });
		expect(filled.filled.length).toBeGreaterThan(0);
		expect(filled.winners.slice(-filled.filled.length)).toEqual(filled.filled);
	});

	it('terminates Add1 when every project with a vote is funded', () => {
		const input: CountInput = {
			budget: 1000,
			projects: [{ id: 'a', cost: 10 }, { id: 'b', cost: 10 }, { id: 'nobody', cost: 1 }],
			ballots: [['a'], ['b']]
		};
		const result = countEqualShares(input);
		expect([...result.winners].sort()).toEqual(['a', 'b']);
		expect(result.add1Stop).toBe('all-funded');
	});

	it('handles an election without voters', () => {
		const result = countEqualShares({ budget: 100, projects: [{ id: 'a', cost: 10 }], ballots: [] });
		expect(result.winners).toEqual([]);
		expect(result.left).toBe(100);
	});
});

describe('compareIds', () => {
	it('orders numeric ids by value and others by code point', () => {
		expect(['10', '9', '010', 'b', 'a', '2'].sort(compareIds)).toEqual(['2', '9', '010', '10', 'a', 'b']);
	});
});

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

// Small elections: ties and exact boundaries are frequent with few voters and small costs.
const smallElection = fc
	.record({
		projectCount: fc.integer({ min: 1, max: 6 }),
		voterCount: fc.integer({ min: 1, max: 12 }),
		budget: fc.integer({ min: 1, max: 60 })
	})
	.chain(({ projectCount, voterCount, budget }) => {
		const ids = Array.from({ length: projectCount }, (_, i) => String(i + 1));
		return fc.record({
			budget: fc.constant(budget),
			projects: fc.tuple(...ids.map((id) => fc.integer({ min: 1, max: 20 }).map((cost) => ({ id, cost })))),
			ballots: fc.array(fc.subarray(ids), { minLength: voterCount, maxLength: voterCount })
		});
	});

const shuffle = <T>(items: readonly T[], seed: number): T[] => {
	const out = [...items];
	let s = seed >>> 0 || 1;
	for (let i = out.length - 1; i > 0; i--) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
};

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

describe('properties of every rule', () => {
	const rules: [string, (input: CountInput) => { winners: string[]; spent: number; left: number }][] = [
		['knapsack', countKnapsack],
		['approval', countApproval],
		['equal-shares cost', (input) => countEqualShares(input)],
		['equal-shares unit', (input) => countEqualShares(input, { utility: 'unit' })],
		['equal-shares cost + fill', (input) => countEqualShares(input, { fill: true })],
		['equal-shares unit, no completion', (input) => countEqualShares(input, { utility: 'unit', completion: 'none' })]
	];

	for (const [name, run] of rules) {
		it(`${name}: never over budget, winners unique and known`, () => {
			fc.assert(
				fc.property(smallElection, (input) => {
					const result = run(input);
					expect(result.spent).toBeLessThanOrEqual(input.budget);
					expect(result.left).toBe(input.budget - result.spent);
					expect(new Set(result.winners).size).toBe(result.winners.length);
					const costs = new Map(input.projects.map((p) => [p.id, p.cost]));
					expect(result.winners.reduce((s, id) => s + costs.get(id)!, 0)).toBe(result.spent);
				}),
				{ numRuns: 300 }
			);
		});

		it(`${name}: independent of ballot order and of the order within a ballot`, () => {
			fc.assert(
				fc.property(smallElection, fc.integer(), (input, seed) => {
					const shuffled: CountInput = {
						...input,
						ballots: shuffle(input.ballots, seed).map((b, i) => shuffle(b, seed + i))
					};
					expect(run(shuffled)).toEqual(run(input));
				}),
				{ numRuns: 300 }
			);
		});
	}

	it('equal shares: every funded project is paid in full, and no voter pays more than their share', () => {
		fc.assert(
			fc.property(smallElection, fc.constantFrom<Utility>('cost', 'unit'), (input, utility) => {
				const result = countEqualShares(input, { utility });
				let paidInTotal = 0;
				for (const round of result.rounds) {
					const paid = round.payingMax * round.maxPayment + round.paidByRest;
					expect(paid).toBeCloseTo(round.cost, 6);
					expect(round.payingMax + round.payingRest + round.payingNothing).toBe(round.approvals);
					paidInTotal += paid;
				}
				expect(paidInTotal).toBeLessThanOrEqual(result.virtualBudget + 1e-6);
				// Each voter counted once: approvals never exceed the number of voters.
				for (const approvals of Object.values(result.approvals)) expect(approvals).toBeLessThanOrEqual(result.voters);
			}),
			{ numRuns: 300 }
		);
	});

	it('equal shares: counting a ballot twice over is the same as counting it once', () => {
		fc.assert(
			fc.property(smallElection, (input) => {
				const doubled: CountInput = { ...input, ballots: input.ballots.map((b) => [...b, ...b]) };
				expect(countEqualShares(doubled).winners).toEqual(countEqualShares(input).winners);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('performance', () => {
	it('counts 50,000 ballots over 60 projects well within a few seconds per rule', () => {
		let seed = 7;
		const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
		const projects = Array.from({ length: 60 }, (_, i) => ({ id: String(i + 1), cost: 1000 + Math.floor(random() * 40) * 1000 }));
		const ballots = Array.from({ length: 50_000 }, () => {
			const size = 1 + Math.floor(random() * 8);
			const ballot = new Set<string>();
			while (ballot.size < size) ballot.add(String(1 + Math.floor(random() ** 2 * 60)));
			return [...ballot];
		});
		const input: CountInput = { budget: 300_000, projects, ballots };
		for (const run of [countApproval, (i: CountInput) => countEqualShares(i), (i: CountInput) => countEqualShares(i, { utility: 'unit' })]) {
			const start = performance.now();
			const result = run(input);
			expect(result.spent).toBeLessThanOrEqual(300_000);
			expect(performance.now() - start).toBeLessThan(3_000);
		}
	});
});
