/**
 * Pabulib (.pb) files, the exchange format of pabulib.org: the shared types, and how a file
 * becomes the input of the counting rules. Reading is parse-pabulib.ts, writing write-pabulib.ts.
 *
 * A file has three sections, each introduced by a line holding only its name (META, PROJECTS,
 * VOTES) and followed by a header row. Rows are semicolon-separated; a value may be quoted with
 * double quotes, and then may contain semicolons, line breaks and doubled quotes ("").
 * Unquoted values are trimmed; quoted values are kept as written. Blank lines are ignored.
 *
 * Every problem in the input becomes a PabulibError carrying the 1-based line number, so a
 * neighbour uploading a file gets "line 12: cost must be a positive integer", not a stack trace.
 */

import type { CountInput } from './election';

export class PabulibError extends Error {
	constructor(
		/** 1-based line number in the input; 0 when the problem is not tied to a line. */
		readonly line: number,
		readonly detail: string
	) {
		super(line > 0 ? `line ${line}: ${detail}` : detail);
		this.name = 'PabulibError';
	}
}

export interface PbProject {
	id: string;
	/** Whole currency units. */
	cost: number;
	name: string;
	/** The official outcome, when the file has a `selected` column (1 = funded, 0 = not). */
	selected?: number;
	/** Every other column, as written (e.g. votes, category, latitude). */
	extra: Record<string, string>;
}

export interface PbVote {
	voterId: string;
	/** Project ids in the order written (that order matters for ordinal ballots). */
	projectIds: string[];
	/** Every other column, as written (e.g. age, sex, points). */
	extra: Record<string, string>;
}

export interface PbElection {
	meta: Record<string, string>;
	projects: PbProject[];
	votes: PbVote[];
	/** Column order as found in the file, so writing it back keeps the layout. */
	columns?: { projects: string[]; votes: string[] };
}

export type Section = 'meta' | 'projects' | 'votes';

/** A line holding only one of these names starts a section. */
export const SECTION_NAMES: Record<string, Section> = { META: 'meta', PROJECTS: 'projects', VOTES: 'votes' };

/** The budget from META; a PabulibError when it is missing (counting needs it). */
export function budgetOf(election: PbElection): number {
	const raw = election.meta.budget;
	if (raw === undefined) throw new PabulibError(0, 'META has no budget');
	const budget = Number(raw);
	if (!Number.isFinite(budget) || budget < 0) throw new PabulibError(0, `META budget '${raw}' is not a number`);
	return budget;
}

export function toCountInput(election: PbElection, budget = budgetOf(election)): CountInput {
	return {
		budget,
		projects: election.projects.map((p) => ({ id: p.id, cost: p.cost })),
		ballots: election.votes.map((v) => v.projectIds)
	};
}
