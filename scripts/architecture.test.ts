import { describe, expect, it } from 'vitest';
import { checkShape, doorOnDisk, readSources, type SourceFile } from './architecture';

const root = new URL('..', import.meta.url).pathname;

describe('the module shape (docs/ARCHITECTURE.md, "Layers")', () => {
	it('holds for the whole source tree: layers, doors, no cycles, no kit or SQL in the wrong place, no file over 400 lines', () => {
		const files = readSources(root);
		const violations = checkShape(files, doorOnDisk(root));
		console.log(`architecture: ${files.length} files checked, ${violations.length} violations`);
		expect(violations.map((v) => `${v.rule}: ${v.file}: ${v.detail}`)).toEqual([]);
	});

	// The checker itself, on planted files: each rule must be able to fail.
	const doors = (unit: string) => ['help', 'pot', 'proposals', 'people', 'ledger', 'places'].includes(unit);
	const planted = (path: string, text: string): SourceFile[] => [
		{ path, text },
		{ path: 'src/lib/server/proposals/model.ts', text: '' },
		{ path: 'src/lib/server/proposals/index.ts', text: '' },
		{ path: 'src/lib/server/pot/index.ts', text: '' },
		{ path: 'src/lib/server/help/index.ts', text: "import { topUp } from '../ledger';" },
		{ path: 'src/lib/server/ledger/index.ts', text: '' },
		{ path: 'src/lib/server/people/index.ts', text: '' },
		{ path: 'src/lib/server/people/actor.ts', text: '' }
	];
	const rules = (files: SourceFile[]) => checkShape(files, doors).map((v) => v.rule);

	it('refuses help importing the buurtpot side (an arrow pointing up)', () => {
		expect(rules(planted('src/lib/server/help/x.ts', "import { getPotOverview } from '$lib/server/pot';"))).toContain('layer');
		expect(rules(planted('src/lib/server/help/x.ts', "import type { ProposalRow } from '../proposals/model';"))).toEqual(expect.arrayContaining(['layer', 'door']));
	});
	it("refuses another module's internal file, also from routes and tests", () => {
		expect(rules(planted('src/routes/x/+page.server.ts', "import { isStaffOf } from '$lib/server/people/actor';"))).toContain('door');
		expect(rules(planted('src/lib/server/pot/x.test.ts', "import { isStaffOf } from '../people/actor';"))).toContain('door');
		expect(rules(planted('src/routes/x/+page.server.ts', "import { isStaffOf } from '$lib/server/people';"))).toEqual([]);
	});
	it('finds a cycle between modules', () => {
		const files = [...planted('src/lib/server/ledger/x.ts', "import { a } from '../help';")];
		expect(rules(files)).toEqual(expect.arrayContaining(['layer', 'cycle']));
	});
	it('refuses @sveltejs/kit in a module and SQL in a route', () => {
		expect(rules(planted('src/lib/server/help/x.ts', "import { error } from '@sveltejs/kit';"))).toContain('kit');
		expect(rules(planted('src/routes/language/+server.ts', "await db.query('UPDATE accounts SET locale = $1 WHERE id = $2', [l, id]);"))).toContain('sql');
	});
	it('refuses a file over 400 lines and a unit without a layer', () => {
		expect(rules(planted('src/lib/server/help/x.ts', 'x\n'.repeat(401)))).toContain('size');
		expect(rules(planted('src/lib/server/buurtpot/x.ts', ''))).toContain('unknown-unit');
	});
});
