import { describe, it, expect } from 'vitest';
import { CountingError, type CountInput } from './election';
import { countEqualShares } from './equal-shares';
import { countApproval, countGreedy, countKnapsack } from './greedy';
import { count } from './rules';
import { times } from './test-elections';

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
