import { describe, it, expect } from 'vitest';
import { validateBallot } from './validate-ballot';

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
