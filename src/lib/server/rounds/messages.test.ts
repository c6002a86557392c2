import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasMessage, translator } from '../../i18n';

/** Every error code the rounds code can raise has a text in both languages, usable without values where it can sit next to a field. */
describe('rounds error messages', () => {
	const files = ['rounds.ts', 'ballots.ts', 'results.ts', 'pabulib-io.ts', 'model.ts', 'policy.ts'].map((f) => readFileSync(new URL(`./${f}`, import.meta.url), 'utf8'));
	const codes = new Set(files.flatMap((text) => [...text.matchAll(/'(rounds\.[a-z_.]+)'/g)].map((m) => m[1])).filter((c) => !/^rounds\.(explain\..*|open|opened|closed|cancelled|paper_ballot_entered|test_imported)$/.test(c)));

	it('has a message for every code', () => {
		expect(codes.size).toBeGreaterThan(30);
		expect([...codes].filter((c) => !hasMessage(`errors.${c}`))).toEqual([]);
	});

	it('codes used next to a field need no values', () => {
		const withValues = new Set(['rounds.pb_invalid', 'rounds.voting.forbidden']);
		for (const locale of ['nl', 'en'] as const) {
			const t = translator(locale);
			for (const c of codes) if (!withValues.has(c)) expect(() => t(`errors.${c}`), c).not.toThrow();
			expect(t('errors.rounds.voting.forbidden', { reason: 'no_household' })).toMatch(/buurt|neighbourhood/);
		}
	});
});
