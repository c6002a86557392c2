/**
 * Free text in the care bridge must never carry a BSN or a date of birth (no column holds them,
 * and a note must not smuggle them in). These checks run on every free-text field before anything
 * is stored; a hit refuses the whole input with a message next to the field.
 */

/**
 * The BSN "elfproef": for digits d1…d9, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11
 * (and the number is not all zeros). Nine digits only.
 */
export function passesElevenTest(digits: string): boolean {
	if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
	sum -= Number(digits[8]);
	return sum % 11 === 0;
}

// Nine digits on their own, optionally grouped with spaces, dots or dashes (123 456 789, 1234.56.789).
// Not part of a longer number (a phone number "06 1234 5678" holds ten digits, not a BSN).
const nineDigits = /(?<!\d[ .,-]?)\d(?:[ .-]?\d){8}(?![ .,-]?\d)/g;

/** The first BSN-like number in the text (9 digits passing the 11-test), or null. */
export function findBsn(text: string): string | null {
	for (const m of text.matchAll(nineDigits)) {
		const digits = m[0].replace(/\D/g, '');
		if (passesElevenTest(digits)) return m[0];
	}
	return null;
}

const monthNames =
	'jan(?:uari|uary)?|feb(?:ruari|ruary)?|m(?:aa)?rt|mar(?:ch)?|apr(?:il)?|mei|may|jun[ie]?|jul[iy]?|aug(?:ustus|ust)?|sep(?:t(?:ember)?)?|o[kc]t(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// d-m-yyyy, d/m/yyyy, d.m.yyyy, yyyy-mm-dd, and "3 maart 1948".
const datePatterns = [
	/(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/g,
	/(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g,
	new RegExp(`(?<!\\d)(\\d{1,2})\\s+(?:${monthNames})\\.?\\s+(\\d{4})(?!\\d)`, 'gi')
];
const birthWords = /\b(geboren|geb\.|geboortedatum|born|birth|dob)\b/i;

/**
 * The first thing in the text that looks like a date of birth, or null: a full date (day, month
 * and year) next to a word like "geboren", or any full date more than a year before today — an
 * appointment is soon, a birthday decades ago.
 */
export function findBirthDate(text: string, today: Date): string | null {
	const year = today.getUTCFullYear();
	for (const [i, pattern] of datePatterns.entries()) {
		for (const m of text.matchAll(pattern)) {
			const y = Number(i === 1 ? m[1] : i === 0 ? m[3] : m[2]);
			if (y < 1900 || y > year + 5) continue;
			const before = text.slice(Math.max(0, (m.index ?? 0) - 30), m.index ?? 0);
			if (birthWords.test(before) || y < year - 1) return m[0];
		}
	}
	return null;
}

/** The message key for a text that may not be stored, or null when it is fine. */
export function sensitiveTextProblem(text: string | null | undefined, today: Date): 'care.text_has_bsn' | 'care.text_has_birth_date' | null {
	if (!text) return null;
	if (findBsn(text)) return 'care.text_has_bsn';
	if (findBirthDate(text, today)) return 'care.text_has_birth_date';
	return null;
}
