import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { cursorNumber, idOf, pageNumber, plainText } from './text';
import { fieldMessage, parseInput } from './validate';
import { DomainError } from './errors';
import { translator } from '$lib/i18n';
import { PabulibError, parsePabulib } from '../counting';

const schema = z.object({ title: plainText().trim().min(1).max(120), body: plainText().max(4000).optional() });
const thrown = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return e as DomainError;
	}
	throw new Error('did not throw');
};

describe('plainText', () => {
	it('keeps newline, tab and the carriage return forms send, and any printable text', () => {
		fc.assert(fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/[\p{Cc}]/u.test(s.replace(/[\t\n\r]/g, ''))), (s) => plainText().safeParse(`a\r\n\t${s}`).success));
	});
	it('refuses NUL, other control characters and lone surrogates, next to the field', () => {
		for (const bad of ['a\u0000b', '\u001b[31m', 'x\u007f', '\u0085', '\uD800', 'a\uDFFFb']) {
			expect(thrown(() => parseInput(schema, { title: bad })).fields).toEqual({ title: 'validation.control_chars' });
		}
		// Also in a field whose schema forgot plainText: parseInput looks at every string.
		expect(thrown(() => parseInput(z.object({ note: z.string() }), { note: 'a\u0000' })).fields).toEqual({ note: 'validation.control_chars' });
		expect(plainText().safeParse('\uD83D\uDE00').success).toBe(true);
	});
	it('says the limit in the message, in the reader’s language', () => {
		const err = thrown(() => parseInput(schema, { title: 'x'.repeat(121) }));
		expect(err.fields).toEqual({ title: 'validation.too_long' });
		expect(fieldMessage(err, 'title', translator('nl'))).toBe('Dit is te lang: hoogstens 120 tekens.');
		expect(fieldMessage(err, 'title', translator('en'))).toBe('This is too long: at most 120 characters.');
		expect(fieldMessage(new DomainError('validation.invalid', {}, { x: 'validation.too_long' }), 'x', translator('nl'))).toBe('Dit is te lang.');
	});
});

describe('address parameters', () => {
	it('a malformed id is the module’s not_found (a 404), not bad input', () => {
		expect(thrown(() => parseInput(z.object({ buurtId: idOf('pot.not_found') }), { buurtId: 'x' })).code).toBe('pot.not_found');
	});
	it('the help list’s page number is a whole number from 1 to 10 000; anything else is a 400', () => {
		const s = z.object({ page: pageNumber() });
		expect(parseInput(s, { page: '3' }).page).toBe(3);
		expect(parseInput(s, { page: null }).page).toBe(1);
		for (const bad of ['0', 'abc', '-5', '1e309', '1.5', '10001']) expect(thrown(() => parseInput(s, { page: bad })).code).toBe('validation.invalid');
	});
	it('a cursor is a positive safe integer or nothing', () => {
		const s = z.object({ before: cursorNumber() });
		expect(parseInput(s, { before: '' }).before).toBeUndefined();
		expect(parseInput(s, { before: '42' }).before).toBe(42);
		for (const bad of ['0', 'abc', '1e309', '9007199254740993']) expect(thrown(() => parseInput(s, { before: bad })).code).toBe('validation.invalid');
	});
});

it('a Pabulib file with a control character is refused with its line, not passed on', () => {
	const err = thrown(() => parsePabulib('META\nkey;value\ndescription;a\u0000b\n'));
	expect(err).toBeInstanceOf(PabulibError);
	expect((err as unknown as PabulibError).line).toBe(3);
});
