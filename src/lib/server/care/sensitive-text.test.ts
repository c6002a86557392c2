import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findBirthDate, findBsn, passesElevenTest, sensitiveTextProblem } from './sensitive-text';

/** A nine-digit number passing the 11-test, made from eight digits (null when no ninth digit fits). */
function withCheckDigit(eight: number[]): string | null {
	const sum = eight.reduce((s, d, i) => s + (9 - i) * d, 0);
	const last = sum % 11;
	return last === 10 ? null : [...eight, last].join('');
}
const digits8 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 });
const today = new Date('2026-03-02T09:00:00Z');

describe('the 11-test (elfproef)', () => {
	it('accepts known valid numbers and refuses known invalid ones', () => {
		expect(passesElevenTest('111222333')).toBe(true);
		expect(passesElevenTest('123456782')).toBe(true);
		expect(passesElevenTest('123456789')).toBe(false);
		expect(passesElevenTest('000000000')).toBe(false);
		expect(passesElevenTest('12345678')).toBe(false);
	});

	it('property: a number made with its check digit passes; changing any one digit makes it fail', () => {
		fc.assert(
			fc.property(digits8, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (eight, at, delta) => {
				const bsn = withCheckDigit(eight);
				fc.pre(bsn !== null && !/^0+$/.test(bsn));
				expect(passesElevenTest(bsn!)).toBe(true);
				const changed = bsn!.split('');
				changed[at] = String((Number(changed[at]) + delta) % 10);
				expect(passesElevenTest(changed.join(''))).toBe(false);
			}),
			{ numRuns: 500 }
		);
	});

	it('property: swapping two different neighbouring digits makes it fail', () => {
		fc.assert(
			fc.property(digits8, fc.integer({ min: 0, max: 7 }), (eight, at) => {
				const bsn = withCheckDigit(eight);
				fc.pre(bsn !== null && bsn[at] !== bsn[at + 1]);
				const s = bsn!.split('');
				[s[at], s[at + 1]] = [s[at + 1], s[at]];
				expect(passesElevenTest(s.join(''))).toBe(false);
			}),
			{ numRuns: 500 }
		);
	});

	it('property: the test agrees with its definition for every nine-digit number', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (d) => {
				const sum = d.slice(0, 8).reduce((s, x, i) => s + (9 - i) * x, 0) - d[8];
				expect(passesElevenTest(d.join(''))).toBe(sum % 11 === 0 && d.some((x) => x > 0));
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('finding a BSN in free text', () => {
	it('property: a valid BSN anywhere in ordinary words is found, written plainly or in groups', () => {
		const words = fc.array(fc.constantFrom('Mevrouw', 'houdt', 'van', 'koffie', 'op', 'dinsdag', 'en', 'bel', 'eerst', '(graag)', 'om', 'tien', 'uur,'), { maxLength: 8 }).map((w) => w.join(' '));
		fc.assert(
			fc.property(words, digits8, words, fc.constantFrom('', ' ', '.', '-'), (before, eight, after, sep) => {
				const bsn = withCheckDigit(eight);
				fc.pre(bsn !== null && !/^0+$/.test(bsn));
				const written = sep ? `${bsn!.slice(0, 4)}${sep}${bsn!.slice(4, 6)}${sep}${bsn!.slice(6)}` : bsn!;
				expect(findBsn(`${before} ${written} ${after}`)).not.toBeNull();
			}),
			{ numRuns: 300 }
		);
	});

	it('ignores numbers that are not nine digits (phone numbers, postcodes, times) and nine digits failing the test', () => {
		for (const t of ['Bel 06 1234 5678', 'Bel 0612345678', 'postcode 9999 AA', 'om 14:30 uur', 'nummer 123456789', 'kamer 12']) expect(findBsn(t), t).toBeNull();
	});
});

describe('finding a date of birth', () => {
	it('finds a birth date written in several ways, and a full date long ago', () => {
		for (const t of ['geboren 3-4-1948', 'geb. 03/04/1948', 'Geboortedatum: 1948-04-03', 'zij is van 12 maart 1939', 'born 1 May 1950', 'dob 01.05.1950'])
			expect(findBirthDate(t, today), t).not.toBeNull();
	});

	it('does not take an appointment date or a plain year for a birth date', () => {
		for (const t of ['Afspraak op 12-03-2026 bij de huisarts', 'vanaf 2026-03-10', 'sinds 1990 in de buurt', 'op 4 april'])
			expect(findBirthDate(t, today), t).toBeNull();
	});

	it('names the problem with its message key', () => {
		expect(sensitiveTextProblem('BSN 111222333', today)).toBe('care.text_has_bsn');
		expect(sensitiveTextProblem('geboren 3-4-1948', today)).toBe('care.text_has_birth_date');
		expect(sensitiveTextProblem('Graag in de ochtend', today)).toBeNull();
		expect(sensitiveTextProblem(undefined, today)).toBeNull();
	});
});
