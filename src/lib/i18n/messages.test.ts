import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import nl from '../../../messages/nl.json';
import en from '../../../messages/en.json';
import { hasMessage, negotiateLocale, translator } from './index';

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
	Object.fromEntries(Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))));

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = path.join(dir, f);
		if (statSync(p).isDirectory()) return sourceFiles(p);
		return /\.(ts|svelte)$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
	});
}

describe('message catalogues', () => {
	const nlFlat = flatten(nl as Tree);
	const enFlat = flatten(en as Tree);

	it('has every Dutch key in English and no English key without Dutch', () => {
		expect(Object.keys(enFlat).filter((k) => !(k in nlFlat))).toEqual([]);
		expect(Object.keys(nlFlat).filter((k) => !(k in enFlat))).toEqual([]);
	});

	it('has valid ICU messages in both languages', () => {
		for (const [key, message] of [...Object.entries(nlFlat), ...Object.entries(enFlat)]) {
			expect(() => new IntlMessageFormat(message, 'nl'), key).not.toThrow();
		}
	});

	it('has a message for every literal key the code passes to t()', () => {
		const missing: string[] = [];
		for (const file of sourceFiles('src')) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/\bt\('([a-z_]+(?:\.[a-z0-9_]+)+)'/g)) if (!hasMessage(m[1])) missing.push(`${file}: ${m[1]}`);
		}
		expect(missing).toEqual([]);
	});

	it('picks the language from the cookie, then the browser, else Dutch', () => {
		expect(negotiateLocale('en', 'nl-NL')).toBe('en');
		expect(negotiateLocale(undefined, 'en-GB,en;q=0.9')).toBe('en');
		expect(negotiateLocale(undefined, 'tr-TR')).toBe('nl');
		expect(translator('en')('letters.title', { count: 1 })).toMatch(/1 letter\b/);
	});
});
