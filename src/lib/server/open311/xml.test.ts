import { describe, expect, it } from 'vitest';
import { escapeXml, xmlDocument, xmlList } from './xml';
import { parseXml, all, textOf } from './test-fixtures';

describe('the XML writer', () => {
	it('escapes the five special characters and drops what XML 1.0 cannot carry', () => {
		expect(escapeXml('a\u0000b\u0007<&>"\'\uFFFE\uD800c\u{1F600}')).toBe('ab&lt;&amp;&gt;&quot;&apos;c\u{1F600}');
	});

	it('writes nested elements, lists, empty values and leaves out undefined ones', () => {
		const doc = xmlDocument('root', { a: 1, b: null, c: undefined, d: true, list: xmlList('item', [{ k: 'x' }, { k: 'y&z' }]) });
		expect(doc).toBe('<?xml version="1.0" encoding="utf-8"?>\n<root><a>1</a><b/><d>true</d><list><item><k>x</k></item><item><k>y&amp;z</k></item></list></root>\n');
		const root = parseXml(doc);
		expect(all(all(root, 'list')[0], 'item').map((i) => textOf(i, 'k'))).toEqual(['x', 'y&z']);
	});
});
