/**
 * A Dutch citizen service number (BSN) must never be typed into free text here: it identifies a
 * person everywhere in the Netherlands. `looksLikeBsn` finds a run of 9 digits (spaces, dots or
 * dashes between groups allowed, as people write it: 1234.56.782, 123 456 782) that passes the
 * 11-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, not all zeros). Longer digit runs
 * (an IBAN's account part, a phone number with country code) are not split up into candidates.
 */
export function passesElevenTest(digits: string): boolean {
	if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
	sum -= Number(digits[8]);
	return sum % 11 === 0;
}

/** Runs of digits with single separators between them, not touching other digits. */
const digitRuns = /(?<![\d])\d(?:[ .-]?\d)*(?![\d])/g;

export function looksLikeBsn(text: string): boolean {
	for (const m of text.matchAll(digitRuns)) {
		const digits = m[0].replace(/[ .-]/g, '');
		// An 8-digit BSN is written with a leading zero added; both forms are checked.
		if (digits.length === 9 && passesElevenTest(digits)) return true;
		if (digits.length === 8 && passesElevenTest(`0${digits}`)) return true;
	}
	return false;
}
