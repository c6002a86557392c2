import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { CountInput, Utility } from './election';
import { countEqualShares } from './equal-shares';
import { countApproval, countKnapsack } from './greedy';
import { shuffle, smallElection } from './test-elections';

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
