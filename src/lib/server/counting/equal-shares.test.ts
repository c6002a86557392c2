import { describe, it, expect } from 'vitest';
import type { CountInput } from './election';
import { countEqualShares } from './equal-shares';
import { explain } from './explain';
import { countGreedy } from './greedy';
import { times } from './test-elections';

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
