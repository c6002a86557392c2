/** Writing a Pabulib (.pb) file that reads back to the same election. */

import { PabulibError, SECTION_NAMES, type PbElection } from './pabulib';

function quote(value: string): string {
	const needsQuotes =
		/[;"\r\n]/.test(value) || value !== value.trim() || (value.length > 0 && value.trim() === '');
	return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeRow(values: string[]): string {
	const row = values.map(quote);
	// "meta;" (a META key named meta with an empty value) would read back as a section name.
	if (row[0] === values[0] && SECTION_NAMES[values[0].toUpperCase()] && values.slice(1).every((v) => v === '')) {
		row[0] = `"${values[0]}"`;
	}
	return row.join(';');
}

function projectColumns(election: PbElection): string[] {
	const columns = [...(election.columns?.projects ?? [])];
	const add = (column: string) => {
		if (!columns.includes(column)) columns.push(column);
	};
	add('project_id');
	add('cost');
	for (const project of election.projects) for (const key of Object.keys(project.extra)) add(key);
	add('name');
	if (election.projects.some((p) => p.selected !== undefined)) add('selected');
	return columns;
}

function voteColumns(election: PbElection): string[] {
	const columns = [...(election.columns?.votes ?? [])];
	const add = (column: string) => {
		if (!columns.includes(column)) columns.push(column);
	};
	add('voter_id');
	add('vote');
	for (const vote of election.votes) for (const key of Object.keys(vote.extra)) add(key);
	return columns;
}

function checkWritable(election: PbElection): void {
	const ids = new Set<string>();
	for (const project of election.projects) {
		if (project.id === '' || project.id !== project.id.trim() || /[,;"\r\n]/.test(project.id)) {
			throw new PabulibError(0, `project id '${project.id}' cannot be written (empty, padded, or has , ; " or a line break)`);
		}
		if (ids.has(project.id)) throw new PabulibError(0, `project id '${project.id}' appears twice`);
		if (!Number.isSafeInteger(project.cost) || project.cost <= 0) {
			throw new PabulibError(0, `project '${project.id}' cost must be a positive integer, got ${project.cost}`);
		}
		ids.add(project.id);
	}
	const voters = new Set<string>();
	for (const vote of election.votes) {
		if (vote.voterId === '' || voters.has(vote.voterId)) {
			throw new PabulibError(0, `voter id '${vote.voterId}' is empty or appears twice`);
		}
		voters.add(vote.voterId);
		for (const id of vote.projectIds) {
			if (!ids.has(id)) throw new PabulibError(0, `voter '${vote.voterId}' names unknown project '${id}'`);
		}
		if (new Set(vote.projectIds).size !== vote.projectIds.length) {
			throw new PabulibError(0, `voter '${vote.voterId}' names a project twice`);
		}
	}
	for (const key of Object.keys(election.meta)) {
		if (key === '' || key !== key.trim()) throw new PabulibError(0, `META key '${key}' cannot be written`);
	}
}

/** Writes a valid .pb file; parsePabulib(writePabulib(e)) gives back e. */
export function writePabulib(election: PbElection): string {
	checkWritable(election);
	const lines: string[] = ['META', 'key;value'];
	for (const [key, value] of Object.entries(election.meta)) lines.push(writeRow([key, value]));

	const pColumns = projectColumns(election);
	lines.push('PROJECTS', writeRow(pColumns));
	for (const project of election.projects) {
		lines.push(
			writeRow(
				pColumns.map((column) => {
					switch (column) {
						case 'project_id':
							return project.id;
						case 'cost':
							return String(project.cost);
						case 'name':
							return project.name;
						case 'selected':
							return project.selected === undefined ? '' : String(project.selected);
						default:
							return project.extra[column] ?? '';
					}
				})
			)
		);
	}

	const vColumns = voteColumns(election);
	lines.push('VOTES', writeRow(vColumns));
	for (const vote of election.votes) {
		lines.push(
			writeRow(
				vColumns.map((column) =>
					column === 'voter_id'
						? vote.voterId
						: column === 'vote'
							? vote.projectIds.join(',')
							: (vote.extra[column] ?? '')
				)
			)
		);
	}
	return lines.join('\n') + '\n';
}
