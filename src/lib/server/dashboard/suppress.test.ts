import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPrimary, revealedBySubtraction, suppress, type Relation, type SuppressionCell } from './suppress';

/** A small hierarchical table: a total, groups, members per group; and the same over two periods plus their sum. */
function table(counts: number[][][]): { cells: SuppressionCell[]; relations: Relation[] } {
	const cells: SuppressionCell[] = [];
	const relations: Relation[] = [];
	const periods = counts.length;
	const put = (key: string, v: number) => cells.push({ key, value: v, n: v });
	const sums = new Map<string, number>();
	const add = (key: string, v: number) => sums.set(key, (sums.get(key) ?? 0) + v);
	counts.forEach((groups, p) =>
		groups.forEach((members, g) =>
			members.forEach((v, m) => {
				put(`m${g}.${m}|p${p}`, v);
				add(`m${g}.${m}|all`, v);
				add(`g${g}|p${p}`, v);
				add(`g${g}|all`, v);
				add(`t|p${p}`, v);
				add('t|all', v);
			})
		)
	);
	for (const [k, v] of sums) put(k, v);
	const groupCount = counts[0].length;
	for (const period of [...Array.from({ length: periods }, (_, p) => `p${p}`), 'all']) {
		relations.push({ total: `t|${period}`, parts: Array.from({ length: groupCount }, (_, g) => `g${g}|${period}`) });
		counts[0].forEach((members, g) => relations.push({ total: `g${g}|${period}`, parts: members.map((_, m) => `m${g}.${m}|${period}`) }));
	}
	// The "year" is the sum of its "months" for every area.
	for (const k of new Set(cells.map((c) => c.key.split('|')[0]))) relations.push({ total: `${k}|all`, parts: Array.from({ length: periods }, (_, p) => `${k}|p${p}`) });
	return { cells, relations };
}

describe('small numbers (k ≥ 5) with complementary suppression', () => {
	it('hides a figure from 1–4 people, never 0 people or a figure not about people', () => {
		expect(isPrimary({ n: 4 })).toBe(true);
		expect(isPrimary({ n: 1 })).toBe(true);
		expect(isPrimary({ n: 5 })).toBe(false);
		expect(isPrimary({ n: 0 })).toBe(false);
		expect(isPrimary({ n: null })).toBe(false);
	});

	it('hides a second part when a total minus the others would reveal a hidden one', () => {
		const cells = [
			{ key: 'wijk', value: 30, n: 30 },
			{ key: 'a', value: 3, n: 3 },
			{ key: 'b', value: 12, n: 12 },
			{ key: 'c', value: 15, n: 15 }
		];
		const hidden = suppress(cells, [{ total: 'wijk', parts: ['a', 'b', 'c'] }]);
		// b is the smallest non-zero part left: wijk − b − c no longer gives a.
		expect([...hidden].sort()).toEqual(['a', 'b']);
	});

	it('protects a month inside its year (year − other months) and a stock whose year is its last month', () => {
		const hidden = suppress(
			[
				{ key: 'y', value: 20, n: 20 },
				{ key: 'jan', value: 2, n: 2 },
				{ key: 'feb', value: 18, n: 18 },
				{ key: 'stockYear', value: 3, n: 3 },
				{ key: 'stockDec', value: 3, n: 3 }
			],
			[
				{ total: 'y', parts: ['jan', 'feb'] },
				{ total: 'stockYear', parts: ['stockDec'] }
			]
		);
		expect([...hidden].sort()).toEqual(['feb', 'jan', 'stockDec', 'stockYear']);
	});

	it('property: every figure from 1–4 people is hidden, and no relation has exactly one hidden cell (no subtraction reveals one)', () => {
		const counts = fc.array(fc.array(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });
		fc.assert(
			fc.property(counts, (raw) => {
				// Every period has the same shape (the same groups and members).
				const shape = raw[0].map((g) => g.length);
				const grid = raw.map((p) => shape.map((len, g) => Array.from({ length: len }, (_, m) => p[g]?.[m] ?? 0)));
				const { cells, relations } = table(grid);
				const hidden = suppress(cells, relations);
				for (const c of cells) if (c.n! > 0 && c.n! < 5) expect(hidden.has(c.key)).toBe(true);
				const keys = new Set(cells.map((c) => c.key));
				expect(revealedBySubtraction(relations, hidden, (k) => keys.has(k))).toEqual([]);
				// And directly: for each relation, a single unknown is what subtraction would give.
				for (const r of relations) {
					const unknown = [r.total, ...r.parts].filter((k) => hidden.has(k));
					expect(unknown.length === 1).toBe(false);
				}
			}),
			{ numRuns: 300 }
		);
	});
});
