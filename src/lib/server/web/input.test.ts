import { describe, expect, it } from 'vitest';
import { pathHasControlCharacters } from './input';

describe('addresses with a control character in the path', () => {
	it('are refused before any route runs (the fuzzer found /help/%00?/done answering 500)', () => {
		expect(pathHasControlCharacters(new URL('http://noaber.test/help/%00?/done'))).toBe(true);
		expect(pathHasControlCharacters(new URL('http://noaber.test/help/a%1Bb'))).toBe(true);
	});
	it('leave ordinary and accented paths alone', () => {
		expect(pathHasControlCharacters(new URL('http://noaber.test/help/3f6b0a3e-0000-4000-8000-000000000000'))).toBe(false);
		expect(pathHasControlCharacters(new URL('http://noaber.test/buurten/caf%C3%A9'))).toBe(false);
		expect(pathHasControlCharacters(new URL('http://noaber.test/%E0%A4%A'))).toBe(false);
	});
});
