import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import nl from '../../../../messages/nl.json';
import { hasMessage } from '$lib/i18n';

/**
 * The audit page shows a sentence per event, never its action code (issue 9): every action any
 * use case records has `audit.events.<action>` in the catalogue (a test of the page's words, so a
 * new recordAudit call without a sentence fails here rather than on an admin's screen).
 */

const root = path.resolve(__dirname, '..');
function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = path.join(dir, f);
		if (statSync(p).isDirectory()) return sourceFiles(p);
		return f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-fixtures.ts' ? [p] : [];
	});
}

/** The action expressions of every recordAudit call: string literals, and templates by their fixed prefix. */
function recordedActions(): { literals: Set<string>; templates: Set<string> } {
	const literals = new Set<string>();
	const templates = new Set<string>();
	for (const file of sourceFiles(root)) {
		const text = readFileSync(file, 'utf8');
		for (const call of text.split('recordAudit(').slice(1)) {
			const m = /action:\s*([^\n]*?)(?:,\s*(?:subject|details|corporationId)\b|\s*\}|\n)/.exec(call);
			if (!m) continue;
			for (const lit of m[1].matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) literals.add(lit[1]);
			for (const tpl of m[1].matchAll(/`([a-z_.]+)\.\$\{/g)) templates.add(tpl[1]);
		}
	}
	return { literals, templates };
}

describe('audit sentences', () => {
	const { literals, templates } = recordedActions();

	it('finds the recorded actions (the scan itself works)', () => {
		expect(literals.size).toBeGreaterThan(30);
		for (const a of ['auth.login', 'buurtpot.comment_hidden', 'pot.name_opt_in', 'people.organisation_unlinked']) expect(literals).toContain(a);
		expect(templates).toContain('help.follow_up');
	});

	it('every recorded action has a sentence, so the page never shows its code', () => {
		expect([...literals].filter((a) => !hasMessage(`audit.events.${a}`)).sort()).toEqual([]);
		const node = (key: string) => key.split('.').reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), nl.audit.events);
		expect([...templates].filter((t) => !node(t) || typeof node(t) !== 'object').sort()).toEqual([]);
	});

	it('every subject kind a use case records has a word', () => {
		const kinds = new Set<string>();
		for (const file of sourceFiles(root)) for (const m of readFileSync(file, 'utf8').matchAll(/subject: `([a-z_]+):/g)) kinds.add(m[1]);
		expect(kinds.size).toBeGreaterThan(5);
		expect([...kinds].filter((k) => !hasMessage(`audit.kinds.${k}`)).sort()).toEqual([]);
	});
});
