/** The `pb` command line (scripts/pb.ts), run as a child process the way npm runs it. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = path.resolve(repoRoot, '../shared/data/pabulib');

function pb(...args: string[]) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/pb.ts', ...args], {
		cwd: repoRoot,
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ELECTION = `META
key;value
budget;100
num_projects;3
num_votes;4
vote_type;approval
PROJECTS
project_id;cost;name
p;60;Speeltuin
q;40;Bankjes
r;50;Moestuin
VOTES
voter_id;vote
1;p,r
2;p
3;q
4;q,r
`;

let dir = '';
beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'pb-cli-'));
	writeFileSync(path.join(dir, 'small.pb'), ELECTION);
	writeFileSync(path.join(dir, 'broken.pb'), ELECTION.replace('q;40;Bankjes', 'q;forty;Bankjes'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/pb.ts count', () => {
	it('prints the winners one per line, in the order chosen', () => {
		const run = pb('count', path.join(dir, 'small.pb'), '--rule', 'approval');
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		// p, q and r have 2 votes each: q is cheapest (40), then r (50) fits; p (60) does not.
		expect(run.stdout).toBe('q\nr\n');
	});

	it('adds the reasoning after the winners, every line starting with #', () => {
		const run = pb('count', path.join(dir, 'small.pb'), '--rule', 'equal-shares', '--utility', 'unit', '--explain');
		expect(run.code).toBe(0);
		const lines = run.stdout.trimEnd().split('\n');
		const winners = lines.filter((line) => !line.startsWith('#'));
		expect(winners.length).toBeGreaterThan(0);
		expect(lines.slice(winners.length).every((line) => line.startsWith('# '))).toBe(true);
		expect(run.stdout).toContain('# Rule: Method of Equal Shares (utility: unit');
	});

	it('fails with exit code 2 and a message on stderr', () => {
		const cases: [string[], string][] = [
			[['count', path.join(dir, 'broken.pb'), '--rule', 'knapsack'], "line 10: cost must be a positive integer, found 'forty'"],
			[['count', path.join(dir, 'missing.pb'), '--rule', 'knapsack'], 'cannot read'],
			[['count', path.join(dir, 'small.pb'), '--rule', 'borda'], '--rule must be one of'],
			[['count', path.join(dir, 'small.pb')], 'missing --rule'],
			[['count', path.join(dir, 'small.pb'), '--rule', 'equal-shares', '--utility', 'joy'], '--utility must be one of'],
			[['tally'], "unknown command 'tally'"]
		];
		for (const [args, message] of cases) {
			const run = pb(...args);
			expect(run.code, args.join(' ')).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr).toContain(message);
		}
	});

	it.skipIf(!existsSync(dataDir))('counts a real election file (Warszawa 2017 Anin, greedy)', () => {
		const run = pb('count', path.join(dataDir, 'Poland_Warszawa_2017_Anin.pb'), '--rule', 'knapsack');
		expect(run.code).toBe(0);
		expect(run.stdout.trim().split('\n')).toEqual(['1828', '2533', '2515', '2584', '1998', '418']);
	});
});
