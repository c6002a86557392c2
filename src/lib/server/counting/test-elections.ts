/** Election set-ups shared by the counting tests. */
import fc from 'fast-check';

/** `n` copies of a ballot. */
export const times = (n: number, ballot: string[]): string[][] => Array.from({ length: n }, () => [...ballot]);

// Small elections: ties and exact boundaries are frequent with few voters and small costs.
export const smallElection = fc
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

/** A deterministic shuffle (linear congruential generator), so a failing case can be replayed. */
export const shuffle = <T>(items: readonly T[], seed: number): T[] => {
	const out = [...items];
	let s = seed >>> 0 || 1;
	for (let i = out.length - 1; i > 0; i--) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
};
