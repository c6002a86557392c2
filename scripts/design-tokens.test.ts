import { describe, expect, it } from 'vitest';
import { checkTokens, readStyleFiles, TOKENS_FILE } from './design-tokens';

const root = new URL('..', import.meta.url).pathname;

describe('design tokens (static/tokens.css is the one place for colours)', () => {
	it('holds for every .svelte and .css file: no raw colour outside the tokens file, no unknown token', () => {
		const files = readStyleFiles(root);
		expect(files.map((f) => f.path)).toContain(TOKENS_FILE);
		expect(files.length).toBeGreaterThan(20);
		expect(checkTokens(files).map((v) => `${v.rule}: ${v.file}: ${v.detail}`)).toEqual([]);
	});

	const tokens = { path: TOKENS_FILE, text: ':root { --color-brand: #1d4f3a; --space-2: 0.5rem; }' };
	const rules = (path: string, text: string) => checkTokens([tokens, { path, text }]).map((v) => `${v.rule} ${v.detail}`);

	it('refuses a raw hex colour in a page style block, a stylesheet or an inline style', () => {
		expect(rules('src/routes/x/+page.svelte', '<p>x</p><style>.a { color: #a4161a; }</style>')).toEqual(['raw-colour #a4161a']);
		expect(rules('static/extra.css', '.a { border: 1px solid #fff; }')).toEqual(['raw-colour #fff']);
		expect(rules('src/lib/components/X.svelte', '<p style="color: #123">x</p>')).toEqual(['raw-colour #123']);
		expect(rules('src/lib/components/X.svelte', '<svg><path fill="#00ff00" /></svg>')).toEqual(['raw-colour #00ff00']);
	});
	it('refuses rgb() and hsl() colours too', () => {
		expect(rules('static/extra.css', '.a { background: rgb(0 0 0 / 0.5); color: hsl(10 50% 50%); }')).toEqual(['raw-colour rgb(', 'raw-colour hsl(']);
	});
	it('refuses a token nobody defines', () => {
		expect(rules('src/routes/x/+page.svelte', '<style>.a { color: var(--colour-brand); }</style>')).toEqual(['unknown-token --colour-brand']);
	});
	it('allows tokens, fragment links and colours in the tokens file itself', () => {
		expect(rules('src/routes/x/+page.svelte', '<a href="#bad">x</a><style>.a { color: var(--color-brand); margin: var(--space-2); }</style>')).toEqual([]);
		expect(checkTokens([tokens])).toEqual([]);
	});
});
