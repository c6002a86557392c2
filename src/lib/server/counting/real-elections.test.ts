/**
 * Real participatory-budgeting elections from Pabulib: the `selected` column is the official
 * outcome, which our counting must reproduce. The files live outside the repository
 * (../shared/data/pabulib, read-only); without them these tests are skipped.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCountInput, type PbElection } from './pabulib';
import { parsePabulib } from './parse-pabulib';
import { writePabulib } from './write-pabulib';
import { countEqualShares } from './equal-shares';
import { countApproval, countKnapsack } from './greedy';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = path.resolve(repoRoot, '../shared/data/pabulib');
const exists = existsSync(dataDir);
if (!exists) console.warn(`[real-elections] ${dataDir} not found: skipping the Pabulib real-election tests.`);

const load = (file: string): PbElection => parsePabulib(readFileSync(path.join(dataDir, file), 'utf8'));
const officialWinners = (election: PbElection): string[] =>
	election.projects.filter((p) => p.selected === 1).map((p) => p.id).sort();
const sorted = (ids: string[]): string[] => [...ids].sort();

describe.skipIf(!exists)('real elections (Pabulib)', () => {
	it('Wieliczka 2023 Green Budget: Equal Shares (cost utilities) + Add1 gives the official 30 projects', () => {
		const election = load('Poland_Wieliczka_2023_Green_Budget.pb');
		expect(election.votes).toHaveLength(6586);
		expect(election.projects).toHaveLength(64);
		const result = countEqualShares(toCountInput(election));
		const official = officialWinners(election);
		expect(official).toHaveLength(30);
		expect(sorted(result.winners)).toEqual(official);
		expect(result.spent).toBeLessThanOrEqual(1_000_000);
		expect(result.add1Stop).toBe('over-budget');
	});

	it('Wieliczka: the current equalshares.net code (stop once nothing else fits) would give 31 projects', () => {
		// Documents why 'add1' does not stop early: the official outcome was computed without it.
		const result = countEqualShares(toCountInput(load('Poland_Wieliczka_2023_Green_Budget.pb')), { completion: 'add1-exhaustive' });
		expect(result.winners).toHaveLength(31);
	});

	it('Assen 2024: Equal Shares (cost utilities) + Add1 gives the official 9 projects', () => {
		const election = load('Netherlands_Assen_2024.pb');
		const result = countEqualShares(toCountInput(election));
		const official = officialWinners(election);
		expect(official).toHaveLength(9);
		expect(sorted(result.winners)).toEqual(official);
		expect(countEqualShares(toCountInput(election), { completion: 'add1-exhaustive' }).winners).toEqual(result.winners);
	});

	for (const [file, count] of [
		['Poland_Warszawa_2017_Aleksandrow.pb', 2],
		['Poland_Warszawa_2017_Anin.pb', 6]
	] as const) {
		it(`${file}: greedy (knapsack and approval) gives the official ${count} projects`, () => {
			const election = load(file);
			const official = officialWinners(election);
			expect(official).toHaveLength(count);
			expect(sorted(countApproval(toCountInput(election)).winners)).toEqual(official);
			expect(sorted(countKnapsack(toCountInput(election)).winners)).toEqual(official);
		});
	}

	it('Amsterdam 179 parses: 24 projects, 219 ballots, category budgets in META', () => {
		const election = load('Netherlands_Amsterdam_179.pb');
		expect(election.projects).toHaveLength(24);
		expect(election.votes).toHaveLength(219);
		expect(election.meta.budget).toBe('250000');
		expect(election.meta.budget_per_category).toBe('82000,53000,115000');
		expect(election.projects[0]).toMatchObject({ id: '15034', cost: 19206, extra: { category: 'Ontmoeting' } });
	});

	const files = [
		'Netherlands_Amsterdam_179.pb',
		'Netherlands_Assen_2024.pb',
		'Poland_Warszawa_2017_Aleksandrow.pb',
		'Poland_Warszawa_2017_Anin.pb',
		'Poland_Wieliczka_2023_Green_Budget.pb'
	];

	for (const file of files) {
		it(`${file}: approvals counted from the ballots match the votes column and META counts`, () => {
			const election = load(file);
			const approvals = countApproval(toCountInput(election)).approvals;
			for (const project of election.projects) {
				if (project.extra.votes !== undefined) expect(approvals[project.id]).toBe(Number(project.extra.votes));
			}
			expect(election.votes).toHaveLength(Number(election.meta.num_votes));
			expect(election.projects).toHaveLength(Number(election.meta.num_projects));
		});

		it(`${file}: export → import round-trips ids, costs, ballots and meta exactly`, () => {
			const election = load(file);
			const back = parsePabulib(writePabulib(election));
			expect(back).toEqual(election);
		});
	}
});
