import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The design tokens live in one file, static/tokens.css. This checker finds raw colours
 * (#hex, rgb(), hsl()) written anywhere else in the styles — static/*.css, <style> blocks and
 * style/fill/stroke attributes of .svelte files — and var(--name) uses of a custom property
 * that nothing defines (a typo'd token silently falls back to nothing).
 */
export const TOKENS_FILE = 'static/tokens.css';

export interface StyleFile {
	path: string;
	text: string;
}
export interface TokenViolation {
	rule: 'raw-colour' | 'unknown-token';
	file: string;
	detail: string;
}

const RAW_COLOUR = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(/g;

/** The parts of a file that are style: all of a .css file; <style> blocks and style-ish attributes of a .svelte file. */
export function styleParts(file: StyleFile): string[] {
	if (file.path.endsWith('.css')) return [file.text];
	const parts = [...file.text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
	for (const m of file.text.matchAll(/\b(?:style|fill|stroke|stop-color|color)=(?:"([^"]*)"|'([^']*)')/g)) parts.push(m[1] ?? m[2] ?? '');
	for (const m of file.text.matchAll(/\bstyle:[a-z-]+=(?:"([^"]*)"|\{([^}]*)\})/g)) parts.push(m[1] ?? m[2] ?? '');
	return parts;
}

export function checkTokens(files: StyleFile[]): TokenViolation[] {
	const violations: TokenViolation[] = [];
	const defined = new Set<string>();
	for (const f of files) for (const part of styleParts(f)) for (const m of part.matchAll(/(--[a-zA-Z0-9-]+)\s*:/g)) defined.add(m[1]);
	for (const f of files) {
		for (const part of styleParts(f)) {
			if (f.path !== TOKENS_FILE) for (const m of part.matchAll(RAW_COLOUR)) violations.push({ rule: 'raw-colour', file: f.path, detail: m[0] });
			for (const m of part.matchAll(/var\(\s*(--[a-zA-Z0-9-]+)/g)) if (!defined.has(m[1])) violations.push({ rule: 'unknown-token', file: f.path, detail: m[1] });
		}
	}
	return violations;
}

function walk(dir: string, out: string[] = []): string[] {
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) walk(p, out);
		else if (/\.(svelte|css)$/.test(e.name)) out.push(p);
	}
	return out;
}

/** Every .svelte and .css file under src/ and static/, with paths relative to the root. */
export function readStyleFiles(root: string): StyleFile[] {
	return [...walk(path.join(root, 'src')), ...walk(path.join(root, 'static'))].map((p) => ({ path: path.relative(root, p).split(path.sep).join('/'), text: readFileSync(p, 'utf8') }));
}
