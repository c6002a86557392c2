import { MIN_PEOPLE } from './model';

/**
 * Small numbers, as a pure function. A cell is one published figure; a relation says that one
 * cell (the total) is the sum of others (the parts): a wijk and its buurten, a year and its
 * months, a stock's year and its last month. Someone who reads every published figure of a
 * relation can subtract: if exactly one of its cells is hidden, its value follows. So:
 *
 * 1. primary: a figure that rests on 1–4 people (n < k; n = 0 means nobody, which reveals no
 *    one, and n = null means the figure is not about people at all) is hidden;
 * 2. complementary: while some relation has exactly one hidden cell, hide one more of it — the
 *    smallest non-zero part (the cheapest loss of information; a zero hides nothing), else the
 *    smallest part, else the total.
 *
 * At the end no relation has exactly one hidden cell, so no hidden figure is the difference of
 * published ones within a relation. (Solving several relations together, as a linear system,
 * can still narrow a hidden cell to a range in rare patterns; that is the limit of this rule,
 * written down in docs/ARCHITECTURE.md.) Returns the keys of the hidden cells.
 */
export interface SuppressionCell {
	key: string;
	value: number | null;
	n: number | null;
}
export interface Relation {
	total: string;
	parts: string[];
}

export const isPrimary = (c: Pick<SuppressionCell, 'n'>, k = MIN_PEOPLE) => c.n !== null && c.n > 0 && c.n < k;

export function suppress(cells: SuppressionCell[], relations: Relation[], k = MIN_PEOPLE): Set<string> {
	const byKey = new Map(cells.map((c) => [c.key, c]));
	const hidden = new Set(cells.filter((c) => isPrimary(c, k)).map((c) => c.key));
	// Only relations whose cells all exist: a missing cell is not published, so it is unknown anyway.
	const live = relations.filter((r) => byKey.has(r.total) && r.parts.length > 0 && r.parts.every((p) => byKey.has(p)));
	const byCell = new Map<string, Relation[]>();
	for (const r of live) for (const key of [r.total, ...r.parts]) byCell.set(key, [...(byCell.get(key) ?? []), r]);
	const queue = [...live];
	while (queue.length) {
		const r = queue.pop()!;
		const members = [r.total, ...r.parts];
		const hiddenHere = members.filter((m) => hidden.has(m)).length;
		if (hiddenHere !== 1) continue;
		const pick = complementOf(r, hidden, byKey);
		if (!pick) continue;
		hidden.add(pick);
		// Hiding a cell can leave another relation it belongs to with exactly one hidden cell.
		queue.push(...(byCell.get(pick) ?? []));
		queue.push(r);
	}
	return hidden;
}

function complementOf(r: Relation, hidden: Set<string>, byKey: Map<string, SuppressionCell>): string | null {
	const open = r.parts.filter((p) => !hidden.has(p));
	const size = (key: string) => Math.abs(byKey.get(key)?.value ?? 0);
	const nonZero = open.filter((p) => size(p) > 0).sort((a, b) => size(a) - size(b) || a.localeCompare(b));
	if (nonZero.length) return nonZero[0];
	const any = [...open].sort((a, b) => a.localeCompare(b));
	if (any.length) return any[0];
	return hidden.has(r.total) ? null : r.total;
}

/** For tests and checks: the relations in which exactly one cell is hidden (must be none). */
export function revealedBySubtraction(relations: Relation[], hidden: Set<string>, exists: (key: string) => boolean): Relation[] {
	return relations.filter((r) => exists(r.total) && r.parts.every(exists) && [r.total, ...r.parts].filter((m) => hidden.has(m)).length === 1);
}
