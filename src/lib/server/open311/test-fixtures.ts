import { XMLValidator } from 'fast-xml-parser';
import type { DemoKey } from '../people';
import { openReportsTests, type ReportsFixture } from '../reports/test-fixtures';
import { handleOpen311, type Open311Answer } from './handle';
import { seedOpen311Demo, DEMO_OPEN311_KEY } from './demo';

/**
 * The Open311 tests' world: the reports fixture (De Linde, the Lindebuurt, Gert of the
 * municipality) with the demo key, and `call` — one GeoReport v2 call through the module's
 * one entry point, as the route makes it.
 */
export interface Open311Fixture extends ReportsFixture {
	call(method: string, path: string, params?: Record<string, string | string[]>, opts?: { idempotencyKey?: string }): Promise<Open311Answer & { json: unknown }>;
}

export { DEMO_OPEN311_KEY };

export async function openOpen311Tests(): Promise<Open311Fixture> {
	const f = await openReportsTests();
	await seedOpen311Demo(f.ctx, { municipality: f.ids.municipality } as Record<DemoKey, string>);
	const call: Open311Fixture['call'] = async (method, path, params = {}, opts = {}) => {
		const p = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
		const a = await handleOpen311(f.ctx, { method, path, params: p, idempotencyKey: opts.idempotencyKey, baseUrl: 'http://noaber.test' });
		return { ...a, json: a.contentType.startsWith('application/json') ? JSON.parse(a.body) : undefined };
	};
	return { ...f, call };
}

export interface XmlElement {
	name: string;
	children: XmlElement[];
	text: string;
}

/**
 * A strict reader for element-only XML (what GeoReport v2 documents are), written apart from
 * the writer so a test reads the document as a client would: the declaration, nested elements,
 * self-closing ones, the five entities; anything else — an unclosed or mismatched tag, a stray
 * '<' or '&', text outside the root — throws. A real parser (fast-xml-parser's validator)
 * checks the document first.
 */
export function parseXml(doc: string): XmlElement {
	const valid = XMLValidator.validate(doc);
	if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
	const src = doc.replace(/^<\?xml [^?]*\?>\s*/, '');
	let i = 0;
	const decode = (t: string) => {
		if (/[<>]/.test(t) || /&(?!(amp|lt|gt|quot|apos);)/.test(t)) throw new Error(`bad text: ${t}`);
		return t.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
	};
	const element = (): XmlElement => {
		const open = /^<([A-Za-z_][\w.-]*)(\/?)>/.exec(src.slice(i));
		if (!open) throw new Error(`expected a tag at ${i}: ${src.slice(i, i + 30)}`);
		i += open[0].length;
		const el: XmlElement = { name: open[1], children: [], text: '' };
		if (open[2]) return el;
		for (;;) {
			const close = `</${el.name}>`;
			if (src.startsWith(close, i)) {
				i += close.length;
				return el;
			}
			if (src.startsWith('</', i)) throw new Error(`mismatched close at ${i}: ${src.slice(i, i + 30)}`);
			if (src[i] === '<') el.children.push(element());
			else {
				const end = src.indexOf('<', i);
				if (end < 0) throw new Error('unclosed element');
				el.text += decode(src.slice(i, end));
				i = end;
			}
		}
	};
	const root = element();
	if (src.slice(i).trim()) throw new Error('text after the root');
	return root;
}

/** The children named `name`, and the text of the first. */
export const all = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
export const textOf = (el: XmlElement, name: string) => all(el, name)[0]?.text;
