/**
 * Buurtpot vote counting benchmark: 50,000 approval ballots over 60 proposals, counted with
 * every rule. Ballots come from a seeded generator, so every run counts the same election.
 *
 * Run alone with `npx tsx bench/vote.ts`; bench/run.ts can import benchCounting().
 */

import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
	countApproval,
	countEqualShares,
	countKnapsack,
	type CountInput
} from '../src/lib/server/counting/index';

export interface BenchElectionOptions {
	voters?: number;
	proposals?: number;
	seed?: number;
}

/** mulberry32: small, fast, seeded; good enough for test data. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A realistic election: popularity follows a Zipf-like curve (a few favourites, a long tail),
 * each voter approves 1–8 proposals (short ballots more common), costs €500–€40,000 in
 * round hundreds, and the budget covers roughly a quarter of all proposals' total cost.
 */
export function makeBenchElection(options: BenchElectionOptions = {}): CountInput {
	const voters = options.voters ?? 50_000;
	const proposals = options.proposals ?? 60;
	const random = seededRandom(options.seed ?? 20240601);

	const projects = Array.from({ length: proposals }, (_, i) => ({
		id: String(i + 1),
		cost: 500 + Math.round((random() ** 1.5 * 39_500) / 100) * 100
	}));
	const popularity = projects.map((_, rank) => 1 / (rank + 1) ** 0.8);
	// Shuffle popularity so that popular projects are not simply the low ids.
	for (let i = popularity.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[popularity[i], popularity[j]] = [popularity[j], popularity[i]];
	}

	const ballots: string[][] = [];
	for (let v = 0; v < voters; v++) {
		const length = 1 + Math.floor(random() ** 1.4 * 8);
		const weights = [...popularity];
		let total = weights.reduce((a, b) => a + b, 0);
		const ballot: string[] = [];
		while (ballot.length < length) {
			let pick = random() * total;
			let p = 0;
			while (pick >= weights[p] && p < weights.length - 1) pick -= weights[p++];
			if (weights[p] === 0) continue;
			ballot.push(projects[p].id);
			total -= weights[p];
			weights[p] = 0;
		}
		ballots.push(ballot);
	}
	const totalCost = projects.reduce((sum, p) => sum + p.cost, 0);
	return { budget: Math.round(totalCost / 4 / 1000) * 1000, projects, ballots };
}

export async function benchCounting(
	options: BenchElectionOptions = {}
): Promise<{ rule: string; ms: number }[]> {
	const election = makeBenchElection(options);
	const rules: [string, (input: CountInput) => { winners: string[] }][] = [
		['knapsack', countKnapsack],
		['approval', countApproval],
		['equal-shares (cost)', (input) => countEqualShares(input, { utility: 'cost' })],
		['equal-shares (unit)', (input) => countEqualShares(input, { utility: 'unit' })]
	];
	// Warm the JIT on a small election so the figures measure counting, not compilation.
	const warmUp = makeBenchElection({ ...options, voters: 2_000 });
	for (const [, run] of rules) run(warmUp);

	const results: { rule: string; ms: number }[] = [];
	for (const [rule, run] of rules) {
		const start = performance.now();
		run(election);
		results.push({ rule, ms: Math.round((performance.now() - start) * 10) / 10 });
	}
	return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const options = { voters: 50_000, proposals: 60 };
	void benchCounting(options).then((results) => {
		console.log(`Counting ${options.voters} approval ballots over ${options.proposals} proposals:`);
		for (const { rule, ms } of results) console.log(`  ${rule.padEnd(22)} ${ms.toFixed(1).padStart(8)} ms`);
	});
}
