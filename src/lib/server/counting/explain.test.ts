import { describe, it, expect } from 'vitest';
import { explain } from './explain';
import type { CountInput } from './election';
import { countEqualShares } from './equal-shares';
import { countApproval } from './greedy';

const input: CountInput = {
	budget: 100,
	projects: [
		{ id: 'p', cost: 60 },
		{ id: 'q', cost: 40 },
		{ id: 'r', cost: 50 }
	],
	ballots: [['p', 'r'], ['p'], ['q'], ['q', 'r']]
};
const names = { p: 'Speeltuin', q: 'Bankjes', r: 'Moestuin' };

describe('explain', () => {
	it('walks through the greedy ranking, with names and tie-breaking', () => {
		const lines = explain(countApproval(input), { names });
		expect(lines).toContain('Rule: approval voting, counted greedily by number of votes.');
		expect(lines.some((l) => l.includes('ties on votes go to the cheaper project'))).toBe(true);
		expect(lines).toContain('1. q "Bankjes": 2 votes, cost 40: funded (60 left).');
		expect(lines).toContain('3. p "Speeltuin": 2 votes, cost 60: skipped, only 10 left.');
		expect(lines.at(-1)).toBe('Spent 90; 10 left.');
	});

	it('explains equal shares: shares, Add1, payments per round, and what was not funded', () => {
		const result = countEqualShares(input, { utility: 'cost' });
		const text = explain(result, { names }).join('\n');
		expect(text).toContain('4 voters; budget 100, so each voter starts with an equal share of 25.00.');
		expect(text).toMatch(/Add1 completion: /);
		expect(text).toMatch(/Round 1: q "Bankjes", cost 40, 2 votes: each of the 2 supporters paid 20\.00/);
		expect(text).toContain('ties on price per unit of utility go to the cheaper project, then to the one with more votes, then to the lower project id');
		for (const id of result.dropped.map((d) => d.projectId)) expect(text).toContain(`Not funded: ${id} "`);
	});

	it('cuts long names', () => {
		const lines = explain(countApproval(input), { names: { q: 'x'.repeat(100) }, maxNameLength: 10 });
		expect(lines).toContain(`1. q "${'x'.repeat(9)}…": 2 votes, cost 40: funded (60 left).`);
	});
});
