import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PabulibError, toCountInput, type PbElection } from './pabulib';
import { parsePabulib } from './parse-pabulib';
import { writePabulib } from './write-pabulib';
import { countEqualShares } from './equal-shares';
import { countGreedy } from './greedy';

const SMALL = [
	'META',
	'key;value',
	'description;Test "buurt"',
	'num_projects;3',
	'num_votes;4',
	'budget;1000',
	'vote_type;approval',
	'PROJECTS',
	'project_id;cost;votes;name;selected;category',
	'1;600;3;Speeltuin;1;jeugd,groen',
	'2;500;2;"Bankjes; twee stuks";0;ontmoeting',
	'3;400;1;"De ""Groene"" Tuin";1;groen',
	'VOTES',
	'voter_id;vote;age',
	'v1;1,2;34',
	'v2;1;71',
	'v3;1,3,2;',
	'v4;;'
].join('\r\n');

function errorOf(text: string): PabulibError {
	try {
		parsePabulib(text);
	} catch (error) {
		if (error instanceof PabulibError) return error;
		throw new Error(`expected a PabulibError, got ${String(error)}`);
	}
	throw new Error('expected a PabulibError, but the text parsed');
}

describe('parsePabulib', () => {
	it('reads meta, projects with extra columns, quoted values and ballots', () => {
		const election = parsePabulib(SMALL);
		expect(election.meta).toEqual({
			description: 'Test "buurt"',
			num_projects: '3',
			num_votes: '4',
			budget: '1000',
			vote_type: 'approval'
		});
		expect(election.projects).toEqual([
			{ id: '1', cost: 600, name: 'Speeltuin', selected: 1, extra: { votes: '3', category: 'jeugd,groen' } },
			{ id: '2', cost: 500, name: 'Bankjes; twee stuks', selected: 0, extra: { votes: '2', category: 'ontmoeting' } },
			{ id: '3', cost: 400, name: 'De "Groene" Tuin', selected: 1, extra: { votes: '1', category: 'groen' } }
		]);
		expect(election.votes).toEqual([
			{ voterId: 'v1', projectIds: ['1', '2'], extra: { age: '34' } },
			{ voterId: 'v2', projectIds: ['1'], extra: { age: '71' } },
			{ voterId: 'v3', projectIds: ['1', '3', '2'], extra: { age: '' } },
			{ voterId: 'v4', projectIds: [], extra: { age: '' } }
		]);
		expect(election.columns).toEqual({
			projects: ['project_id', 'cost', 'votes', 'name', 'selected', 'category'],
			votes: ['voter_id', 'vote', 'age']
		});
	});

	it('accepts LF and CRLF endings, a byte-order mark, blank lines and a file without VOTES', () => {
		const text = '\ufeffMETA\nkey;value\nbudget;10\n\nPROJECTS\nproject_id;cost\n\na;5\r\nb;6\n';
		const election = parsePabulib(text);
		expect(election.projects.map((p) => p.id)).toEqual(['a', 'b']);
		expect(election.votes).toEqual([]);
	});

	it('keeps line breaks inside quoted values and still numbers later lines correctly', () => {
		const text = 'META\nkey;value\ncomment;"two\nlines"\nPROJECTS\nproject_id;cost\n1;abc\n';
		expect(parsePabulib(text.replace('1;abc', '1;5')).meta.comment).toBe('two\nlines');
		expect(errorOf(text).line).toBe(7);
	});

	it('turns the cost into a number and accepts a whole number written with decimals', () => {
		const text = 'META\nkey;value\nbudget;100.0\nPROJECTS\nproject_id;cost\n1;50.00\n';
		expect(parsePabulib(text).projects[0].cost).toBe(50);
	});

	it('parses thousands of ballots quickly', () => {
		const ballots = Array.from({ length: 50_000 }, (_, i) => `${i};${(i % 60) + 1},${(((i % 60) + 1 + (i % 59)) % 60) + 1}`);
		const projects = Array.from({ length: 60 }, (_, i) => `${i + 1};${1000 + i};Project ${i + 1}`);
		const text = ['META', 'key;value', 'budget;100000', 'PROJECTS', 'project_id;cost;name', ...projects, 'VOTES', 'voter_id;vote', ...ballots].join('\n');
		const start = performance.now();
		const election = parsePabulib(text);
		expect(election.votes).toHaveLength(50_000);
		expect(performance.now() - start).toBeLessThan(2_000);
	});
});

describe('malformed files give a PabulibError with the line number', () => {
	const head = 'META\nkey;value\nbudget;1000\nPROJECTS\nproject_id;cost;name\n';
	const cases: [string, string, number, string][] = [
		['a cost that is not a number', head + '1;abc;X\n', 6, "cost must be a positive integer, found 'abc'"],
		['a zero cost', head + '1;0;X\n', 6, 'cost must be a positive integer'],
		['a negative cost', head + '1;-5;X\n', 6, 'cost must be a positive integer'],
		['a fractional cost', head + '1;2.5;X\n', 6, 'cost must be a positive integer'],
		['a duplicate project id', head + '1;5;X\n1;6;Y\n', 7, "project_id '1' appears twice"],
		['an empty project id', head + ';5;X\n', 6, 'project_id is empty'],
		['too few values', head + '1;5\n', 6, 'expected 3 values (project_id;cost;name), found 2'],
		['an unquoted semicolon', head + '1;5;X;Y\n', 6, 'quote values that contain a semicolon'],
		['an unclosed quote', head + '1;5;"X\n2;6;Y\n', 6, 'quoted value is never closed'],
		['text after a closing quote', head + '1;5;"X"Y\n', 6, 'unexpected text after a closing quote'],
		['a ballot naming an unknown project', head + '1;5;X\nVOTES\nvoter_id;vote\nv1;1,9\n', 9, "vote names unknown project '9'"],
		['a ballot naming a project twice', head + '1;5;X\nVOTES\nvoter_id;vote\nv1;1,1\n', 9, "vote names project '1' twice"],
		['an empty id inside a ballot', head + '1;5;X\nVOTES\nvoter_id;vote\nv1;1,\n', 9, 'has an empty project id'],
		['a duplicate voter', head + '1;5;X\nVOTES\nvoter_id;vote\nv1;1\nv1;1\n', 10, "voter_id 'v1' appears twice"],
		['a VOTES header without vote', head + '1;5;X\nVOTES\nvoter_id;ballot\nv1;1\n', 8, "VOTES header must have a 'vote' column"],
		['a PROJECTS header without cost', 'META\nkey;value\nPROJECTS\nproject_id;name\n1;X\n', 4, "must have a 'cost' column"],
		['a bad budget', 'META\nkey;value\nbudget;lots\nPROJECTS\nproject_id;cost\n1;5\n', 3, "budget must be a non-negative number, found 'lots'"],
		['a bad num_votes', 'META\nkey;value\nnum_votes;many\nPROJECTS\nproject_id;cost\n1;5\n', 3, 'num_votes must be a whole number'],
		['a duplicate META key', 'META\nkey;value\nbudget;5\nbudget;6\nPROJECTS\nproject_id;cost\n1;5\n', 4, "META key 'budget' appears twice"],
		['a wrong META header', 'META\nname;value\nPROJECTS\nproject_id;cost\n1;5\n', 2, "META header must be 'key;value'"],
		['data before any section', 'budget;5\nMETA\nkey;value\n', 1, 'expected a section name'],
		['a repeated section', head + '1;5;X\nPROJECTS\nproject_id;cost\n', 7, 'section PROJECTS appears twice'],
		['a missing PROJECTS section', 'META\nkey;value\nbudget;5\n', 3, 'missing PROJECTS section'],
		['a duplicate header column', 'META\nkey;value\nPROJECTS\nproject_id;cost;cost\n', 4, "header names column 'cost' twice"],
		['a bad selected value', 'META\nkey;value\nPROJECTS\nproject_id;cost;selected\n1;5;yes\n', 5, "selected must be 0 or 1, found 'yes'"],
		['an empty file', '', 1, 'file is empty']
	];

	for (const [what, text, line, detail] of cases) {
		it(`reports ${what}`, () => {
			const error = errorOf(text);
			expect(error.line).toBe(line);
			expect(error.message).toContain(`line ${line}: `);
			expect(error.message).toContain(detail);
		});
	}

	it('never crashes with anything but a PabulibError on arbitrary input', () => {
		const pieces = fc.constantFrom('META', 'PROJECTS', 'VOTES', 'key;value', 'project_id;cost;name', 'voter_id;vote', '1;5;X', 'v;1,2', '"', ';', '\n', '\r\n', 'budget;7', ',', 'x');
		fc.assert(
			fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
				try {
					parsePabulib(parts.join(''));
				} catch (error) {
					expect(error).toBeInstanceOf(PabulibError);
					expect((error as PabulibError).line).toBeGreaterThanOrEqual(0);
				}
			}),
			{ numRuns: 500 }
		);
	});
});

describe('writePabulib', () => {
	it('writes a file that reads back identically, keeping column order', () => {
		const election = parsePabulib(SMALL);
		const text = writePabulib(election);
		expect(text.split('\n').slice(0, 9)).toEqual([
			'META',
			'key;value',
			'description;"Test ""buurt"""',
			'num_projects;3',
			'num_votes;4',
			'budget;1000',
			'vote_type;approval',
			'PROJECTS',
			'project_id;cost;votes;name;selected;category'
		]);
		expect(parsePabulib(text)).toEqual(election);
	});

	it('adds the standard columns for an election built in code', () => {
		const text = writePabulib({
			meta: { budget: '100' },
			projects: [{ id: 'a', cost: 60, name: ' padded ', extra: {} }],
			votes: [{ voterId: '1', projectIds: ['a'], extra: {} }]
		});
		expect(text).toBe('META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost;name\na;60;" padded "\nVOTES\nvoter_id;vote\n1;a\n');
	});

	it('quotes a value that would otherwise read as a section name', () => {
		const election: PbElection = {
			meta: { meta: '', votes: 'x' },
			projects: [{ id: 'PROJECTS', cost: 5, name: '', extra: {} }],
			votes: []
		};
		expect(parsePabulib(writePabulib(election))).toMatchObject(election);
	});

	it('refuses to write what could not be read back', () => {
		const base: PbElection = { meta: {}, projects: [{ id: 'a', cost: 5, name: '', extra: {} }], votes: [] };
		expect(() => writePabulib({ ...base, projects: [{ ...base.projects[0], id: 'a,b' }] })).toThrow(PabulibError);
		expect(() => writePabulib({ ...base, projects: [{ ...base.projects[0], cost: 1.5 }] })).toThrow(/positive integer/);
		expect(() => writePabulib({ ...base, votes: [{ voterId: 'x', projectIds: ['zz'], extra: {} }] })).toThrow(/unknown project/);
	});
});

// Names and meta values: include everything that needs quoting (semicolons, quotes, line
// breaks, padding) next to ordinary letters.
const anyText = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\t', ';', '"', ',', '\n', '\r\n', 'META'), maxLength: 8 })
);
const idText = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/);

const electionArbitrary = fc
	.record({
		ids: fc.uniqueArray(idText, { minLength: 1, maxLength: 8 }),
		metaKeys: fc.uniqueArray(fc.stringMatching(/^[a-z_]{1,10}$/), { maxLength: 5 })
	})
	.chain(({ ids, metaKeys }) =>
		fc.record({
			meta: fc.tuple(...metaKeys.map(() => anyText)).map((values) => {
				const meta: Record<string, string> = { budget: '1000' };
				metaKeys.forEach((key, i) => (meta[key] = key === 'budget' ? '1000' : values[i]));
				return meta;
			}),
			projects: fc.tuple(
				...ids.map((id) =>
					fc.record({
						id: fc.constant(id),
						cost: fc.integer({ min: 1, max: 600 }),
						name: anyText,
						selected: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
						extra: fc.record({ category: anyText })
					})
				)
			),
			votes: fc.uniqueArray(
				fc.record({
					voterId: idText,
					projectIds: fc.shuffledSubarray(ids),
					extra: fc.constant({})
				}),
				{ selector: (v) => v.voterId, maxLength: 20 }
			)
		})
	)
	.map((election) => ({
		...election,
		projects: election.projects.map((p) => {
			const project: PbElection['projects'][number] = { id: p.id, cost: p.cost, name: p.name, extra: p.extra };
			if (p.selected !== undefined) project.selected = p.selected;
			return project;
		})
	}));

describe('round trip (property)', () => {
	it('writePabulib → parsePabulib gives back the same election and the same counts', () => {
		fc.assert(
			fc.property(electionArbitrary, (election) => {
				const back = parsePabulib(writePabulib(election));
				expect(back.meta).toEqual(election.meta);
				expect(back.projects).toEqual(election.projects);
				expect(back.votes).toEqual(election.votes);
				const before = toCountInput(election);
				const after = toCountInput(back);
				expect(countGreedy(after)).toEqual(countGreedy(before));
				expect(countEqualShares(after)).toEqual(countEqualShares(before));
			}),
			{ numRuns: 200 }
		);
	});
});
