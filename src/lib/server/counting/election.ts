/**
 * The election as every counting rule sees it: shared types, the input checks, and a prepared
 * form of the input. Pure functions: no I/O, no database, no clock, no randomness.
 *
 * Every rule is deterministic and independent of ballot order: ballots are first grouped by
 * their (sorted, de-duplicated) set of projects, and groups are processed in a canonical order,
 * so even floating-point sums come out bit-identical whatever order the ballots arrive in.
 * The last tie-breaker of every rule is project id order (compareIds).
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

export interface PreparedElection {
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

export function prepare(input: CountInput): PreparedElection {
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

export function sumCosts(election: PreparedElection, chosen: readonly number[]): number {
	let total = 0;
	for (const p of chosen) total += election.costs[p];
	return total;
}

export function approvalsRecord(election: PreparedElection): Record<string, number> {
	const record: Record<string, number> = {};
	election.ids.forEach((id, p) => (record[id] = election.approvals[p]));
	return record;
}
