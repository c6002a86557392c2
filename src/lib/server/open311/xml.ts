/**
 * A small XML writer for the GeoReport v2 documents (no dependency needed for this little):
 * elements only, no attributes, as the specification's examples. Text is escaped (& < > " ')
 * and characters XML 1.0 cannot carry at all (control characters, lone surrogates) are dropped,
 * so no stored text can break the document.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlList;
export interface XmlNode {
	[tag: string]: XmlValue;
}
/** A list: each item is written as `<item>` inside the element that holds the list. */
export interface XmlList {
	item: string;
	items: XmlValue[];
}

export const xmlList = (item: string, items: XmlValue[]): XmlList => ({ item, items });

const isList = (v: XmlValue): v is XmlList => typeof v === 'object' && v !== null && Array.isArray((v as XmlList).items) && typeof (v as XmlList).item === 'string';

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// eslint-disable-next-line no-control-regex
const notXmlChar = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
	return text.replace(notXmlChar, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function element(tag: string, value: XmlValue): string {
	if (value === undefined) return '';
	if (value === null || value === '') return `<${tag}/>`;
	if (isList(value)) return `<${tag}>${value.items.map((v) => element(value.item, v)).join('')}</${tag}>`;
	if (typeof value === 'object') return `<${tag}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${tag}>`;
	return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/** A whole document: the declaration and one root element. */
export const xmlDocument = (root: string, value: XmlValue) => `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
