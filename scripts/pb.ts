/**
 * Pabulib command line: count a .pb file with one of the Buurtpot counting rules.
 *
 *   npm run --silent pb -- count FILE.pb --rule knapsack|approval|equal-shares
 *       [--utility cost|unit] [--completion add1|add1-exhaustive|none] [--fill]
 *       [--budget N] [--explain]
 *
 * Prints the winning project ids, one per line, in the order chosen. With --explain, the
 * reasoning follows, every line starting with '#'. Errors go to stderr with exit code 2.
 */

import { readFileSync } from 'node:fs';
import {
	budgetOf,
	count,
	explain,
	parsePabulib,
	toCountInput,
	validateBallot,
	type Completion,
	type PbElection,
	type RuleName,
	type Utility
} from '../src/lib/server/counting/index';

const USAGE = `usage: pb count FILE.pb --rule knapsack|approval|equal-shares
          [--utility cost|unit] [--completion add1|add1-exhaustive|none] [--fill]
          [--budget N] [--explain]`;

class UsageError extends Error {}

interface CountCommand {
	file: string;
	rule: RuleName;
	utility: Utility;
	completion: Completion;
	fill: boolean;
	explain: boolean;
	budget?: number;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
	if (value === undefined || !(allowed as readonly string[]).includes(value)) {
		throw new UsageError(`${flag} must be one of ${allowed.join(', ')}${value === undefined ? '' : `, got '${value}'`}`);
	}
	return value as T;
}

function parseArgs(argv: string[]): CountCommand {
	const [command, ...rest] = argv;
	if (command !== 'count') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
	const options: Partial<CountCommand> = { utility: 'cost', completion: 'add1', fill: false, explain: false };
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		const value = () => inline ?? rest[++i];
		switch (flag) {
			case '--rule':
				options.rule = oneOf('--rule', value(), ['knapsack', 'approval', 'equal-shares'] as const);
				break;
			case '--utility':
				options.utility = oneOf('--utility', value(), ['cost', 'unit'] as const);
				break;
			case '--completion':
				options.completion = oneOf('--completion', value(), ['add1', 'add1-exhaustive', 'none'] as const);
				break;
			case '--budget': {
				const raw = value();
				const budget = Number(raw);
				if (raw === undefined || raw === '' || !Number.isFinite(budget) || budget < 0) {
					throw new UsageError(`--budget must be a non-negative number, got '${raw ?? ''}'`);
				}
				options.budget = budget;
				break;
			}
			case '--fill':
				options.fill = true;
				break;
			case '--explain':
				options.explain = true;
				break;
			default:
				if (flag.startsWith('-')) throw new UsageError(`unknown option '${flag}'`);
				if (options.file) throw new UsageError(`unexpected argument '${flag}'`);
				options.file = flag;
		}
	}
	if (!options.file) throw new UsageError('missing FILE.pb');
	if (!options.rule) throw new UsageError('missing --rule');
	return options as CountCommand;
}

/** Ballots the chosen rule would have rejected; worth knowing when counting someone else's file. */
function invalidBallotNotes(election: PbElection, rule: RuleName, budget: number): string[] {
	const maxChoices = election.meta.max_length ? Number(election.meta.max_length) : undefined;
	const costs = new Map(election.projects.map((p) => [p.id, p.cost]));
	const counts = new Map<string, number>();
	for (const vote of election.votes) {
		const problem = validateBallot(rule, vote.projectIds, {
			budget,
			costs,
			maxChoices: Number.isFinite(maxChoices) ? maxChoices : undefined
		});
		if (problem) counts.set(problem, (counts.get(problem) ?? 0) + 1);
	}
	return [...counts].map(([code, n]) => `Note: ${n} ballot(s) fail '${code}' under ${rule} rules; they were counted anyway.`);
}

function runCount(command: CountCommand): string[] {
	let text: string;
	try {
		text = readFileSync(command.file, 'utf8');
	} catch (error) {
		throw new UsageError(`cannot read ${command.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
	const election = parsePabulib(text);
	const budget = command.budget ?? budgetOf(election);
	const result = count(command.rule, toCountInput(election, budget), {
		utility: command.utility,
		completion: command.completion,
		fill: command.fill
	});
	const output = [...result.winners];
	if (command.explain) {
		const names = new Map(election.projects.map((p) => [p.id, p.name]));
		const reasoning = [
			`File: ${command.file}${election.meta.description ? ` (${election.meta.description})` : ''}`,
			...explain(result, { names }),
			...invalidBallotNotes(election, command.rule, budget)
		];
		output.push(...reasoning.map((line) => `# ${line}`));
	}
	return output;
}

function main(argv: string[]): number {
	try {
		if (argv.includes('--help') || argv.includes('-h')) {
			process.stdout.write(`${USAGE}\n`);
			return 0;
		}
		const lines = runCount(parseArgs(argv));
		process.stdout.write(lines.map((line) => `${line}\n`).join(''));
		return 0;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`pb: ${message}\n`);
		if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
		return 2;
	}
}

process.exitCode = main(process.argv.slice(2));
