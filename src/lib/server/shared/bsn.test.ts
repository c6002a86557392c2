import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { looksLikeBsn, passesElevenTest } from './bsn';

/** Makes a 9-digit number that passes the 11-test from any 8 leading digits (or undefined when none does). */
function withCheckDigit(first8: number[]): string | undefined {
	const sum = first8.reduce((s, d, i) => s + (9 - i) * d, 0);
	const d9 = sum % 11;
	return d9 <= 9 ? [...first8, d9].join('') : undefined;
}

describe('looksLikeBsn', () => {
	it('knows valid and invalid numbers by the 11-test', () => {
		expect(passesElevenTest('111222333')).toBe(true);
		expect(passesElevenTest('123456782')).toBe(true);
		expect(passesElevenTest('123456789')).toBe(false);
		expect(passesElevenTest('000000000')).toBe(false);
	});

	it('finds one in text, however it is written', () => {
		for (const t of ['bsn 111222333', 'nummer: 1234.56.782', 'zie 123 456 782.', '123-456-782 is het']) expect(looksLikeBsn(t), t).toBe(true);
	});

	it('leaves ordinary text, dates, phone numbers and wrong numbers alone', () => {
		for (const t of ['Ik heb haar al 5 dagen niet gezien', 'sinds 12-03-2026', 'bel 0612345678', '123456789', 'huisnummer 12', '+31 6 1234 5678 0']) expect(looksLikeBsn(t), t).toBe(false);
	});

	it('finds every 9-digit number that passes the test, inside any words (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }), fc.string(), fc.string(), (first8, before, after) => {
				const bsn = withCheckDigit(first8);
				fc.pre(bsn !== undefined && !/^0+$/.test(bsn));
				const text = `${before.replace(/\d/g, '')} ${bsn} ${after.replace(/\d/g, '')}`;
				return looksLikeBsn(text);
			})
		);
	});

	it('never flags a 9-digit number that fails the test (property)', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{9}$/), (n) => {
				fc.pre(!passesElevenTest(n));
				return !looksLikeBsn(`nummer ${n}`);
			})
		);
	});
});
