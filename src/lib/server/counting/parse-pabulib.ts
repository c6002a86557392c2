/**
 * Reading a Pabulib (.pb) file: rows (with quoted values), sections, headers, and the checks on
 * every value, each failing with a PabulibError that names the line.
 */

import { controlCharacters } from '../shared/text';
import { PabulibError, SECTION_NAMES, type PbElection, type PbProject, type PbVote, type Section } from './pabulib';

interface Row {
	line: number;
	values: string[];
	/** Written with quotes somewhere: then it is data, never a section name. */
	quoted?: boolean;
}

/**
 * Splits the text into rows. Lines without a double quote (nearly all of them) take a fast
 * path; the rest go through a small state machine that also handles line breaks inside quotes.
 */
function readRows(text: string): Row[] {
	const rows: Row[] = [];
	let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	while (pos < text.length) {
		let end = text.indexOf('\n', pos);
		if (end === -1) end = text.length;
		let raw = text.slice(pos, end);
		if (raw.endsWith('\r')) raw = raw.slice(0, -1);
		if (!raw.includes('"')) {
			if (raw.trim() !== '') rows.push({ line, values: raw.split(';').map((v) => v.trim()) });
			pos = end + 1;
			line++;
			continue;
		}
		const parsed = readQuotedRow(text, pos, line);
		rows.push({ line, values: parsed.values, quoted: true });
		pos = parsed.next;
		line = parsed.nextLine;
	}
	return rows;
}

function readQuotedRow(
	text: string,
	start: number,
	startLine: number
): { values: string[]; next: number; nextLine: number } {
	const values: string[] = [];
	let pos = start;
	let line = startLine;
	for (;;) {
		// Start of a value: skip spaces and tabs before a possible opening quote.
		const valueStart = pos;
		while (text[pos] === ' ' || text[pos] === '\t') pos++;
		if (text[pos] === '"') {
			const quoteLine = line;
			pos++;
			let value = '';
			for (;;) {
				const close = text.indexOf('"', pos);
				if (close === -1) throw new PabulibError(quoteLine, 'quoted value is never closed');
				const chunk = text.slice(pos, close);
				line += countNewlines(chunk);
				value += chunk;
				if (text[close + 1] === '"') {
					value += '"';
					pos = close + 2;
					continue;
				}
				pos = close + 1;
				break;
			}
			while (text[pos] === ' ' || text[pos] === '\t') pos++;
			const c = text[pos];
			if (c !== undefined && c !== ';' && c !== '\n' && c !== '\r') {
				throw new PabulibError(line, 'unexpected text after a closing quote (a quote inside a quoted value must be doubled: "")');
			}
			values.push(value);
		} else {
			// Unquoted: up to the next semicolon or line end; a stray quote is just a character.
			pos = valueStart;
			while (pos < text.length && text[pos] !== ';' && text[pos] !== '\n') pos++;
			values.push(text.slice(valueStart, pos).replace(/\r$/, '').trim());
		}
		if (text[pos] === ';') {
			pos++;
			continue;
		}
		if (text[pos] === '\r') pos++;
		if (text[pos] === '\n') pos++;
		return { values, next: pos, nextLine: line + 1 };
	}
}

function countNewlines(s: string): number {
	let count = 0;
	for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) count++;
	return count;
}

function sectionOf(row: Row): Section | null {
	if (row.quoted) return null;
	if (row.values.length !== 1 && !row.values.slice(1).every((v) => v === '')) return null;
	return SECTION_NAMES[row.values[0].toUpperCase()] ?? null;
}

interface Table {
	headerLine: number;
	header: string[];
	rows: Row[];
}

function splitSections(rows: Row[]): Partial<Record<Section, Table>> {
	const tables: Partial<Record<Section, Table>> = {};
	let current: Table | null = null;
	let awaitingHeader = false;
	for (const row of rows) {
		const section = sectionOf(row);
		if (section) {
			if (tables[section]) throw new PabulibError(row.line, `section ${section.toUpperCase()} appears twice`);
			current = { headerLine: row.line, header: [], rows: [] };
			tables[section] = current;
			awaitingHeader = true;
			continue;
		}
		if (!current) {
			throw new PabulibError(row.line, 'expected a section name (META, PROJECTS or VOTES) before any data');
		}
		if (awaitingHeader) {
			current.headerLine = row.line;
			current.header = readHeader(row);
			awaitingHeader = false;
			continue;
		}
		current.rows.push(row);
	}
	return tables;
}

function readHeader(row: Row): string[] {
	const header = row.values.map((v) => v.trim().toLowerCase());
	while (header.length > 1 && header[header.length - 1] === '') header.pop();
	const seen = new Set<string>();
	for (const name of header) {
		if (name === '') throw new PabulibError(row.line, 'header has an empty column name');
		if (seen.has(name)) throw new PabulibError(row.line, `header names column '${name}' twice`);
		seen.add(name);
	}
	return header;
}

/** Fits a row to the header: trailing empty extras are tolerated, anything else is an error. */
function fitRow(row: Row, header: string[]): string[] {
	const { values } = row;
	if (values.length === header.length) return values;
	if (values.length > header.length && values.slice(header.length).every((v) => v === '')) {
		return values.slice(0, header.length);
	}
	throw new PabulibError(
		row.line,
		`expected ${header.length} values (${header.join(';')}), found ${values.length}` +
			(values.length > header.length ? ' — quote values that contain a semicolon' : '')
	);
}

function requireColumns(table: Table, section: Section, required: string[]): void {
	for (const column of required) {
		if (!table.header.includes(column)) {
			throw new PabulibError(
				table.headerLine,
				`${section.toUpperCase()} header must have a '${column}' column (found: ${table.header.join(';')})`
			);
		}
	}
}

const WHOLE_NUMBER = /^\d+(?:\.0*)?$/;

function readMeta(table: Table | undefined): Record<string, string> {
	const meta: Record<string, string> = {};
	if (!table) return meta;
	if (table.header[0] !== 'key' || table.header[1] !== 'value' || table.header.length !== 2) {
		throw new PabulibError(table.headerLine, `META header must be 'key;value', found '${table.header.join(';')}'`);
	}
	for (const row of table.rows) {
		const [key, value] = fitRow(row, table.header);
		if (key === '') throw new PabulibError(row.line, 'META key is empty');
		if (Object.prototype.hasOwnProperty.call(meta, key)) {
			throw new PabulibError(row.line, `META key '${key}' appears twice`);
		}
		if (key === 'budget' && !(Number.isFinite(Number(value)) && value !== '' && Number(value) >= 0)) {
			throw new PabulibError(row.line, `budget must be a non-negative number, found '${value}'`);
		}
		if ((key === 'num_votes' || key === 'num_projects') && !/^\d+$/.test(value)) {
			throw new PabulibError(row.line, `${key} must be a whole number, found '${value}'`);
		}
		meta[key] = value;
	}
	return meta;
}

function readProjects(table: Table): PbProject[] {
	requireColumns(table, 'projects', ['project_id', 'cost']);
	const { header } = table;
	const projects: PbProject[] = [];
	const seen = new Set<string>();
	for (const row of table.rows) {
		const values = fitRow(row, header);
		const project: PbProject = { id: '', cost: 0, name: '', extra: {} };
		header.forEach((column, i) => {
			const value = values[i];
			switch (column) {
				case 'project_id':
					project.id = value;
					break;
				case 'cost':
					if (!WHOLE_NUMBER.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
						throw new PabulibError(row.line, `cost must be a positive integer, found '${value}'`);
					}
					project.cost = Number(value);
					break;
				case 'name':
					project.name = value;
					break;
				case 'selected':
					if (value === '') break;
					if (!/^\d+$/.test(value)) {
						throw new PabulibError(row.line, `selected must be 0 or 1, found '${value}'`);
					}
					project.selected = Number(value);
					break;
				default:
					project.extra[column] = value;
			}
		});
		if (project.id === '') throw new PabulibError(row.line, 'project_id is empty');
		if (project.id.includes(',')) {
			throw new PabulibError(row.line, `project_id '${project.id}' contains a comma, which VOTES uses as separator`);
		}
		if (seen.has(project.id)) throw new PabulibError(row.line, `project_id '${project.id}' appears twice`);
		seen.add(project.id);
		projects.push(project);
	}
	return projects;
}

function readVotes(table: Table | undefined, projectIds: Set<string>): PbVote[] {
	if (!table) return [];
	requireColumns(table, 'votes', ['voter_id', 'vote']);
	const { header } = table;
	const voterColumn = header.indexOf('voter_id');
	const voteColumn = header.indexOf('vote');
	const extraColumns = header.map((c, i) => [c, i] as const).filter(([c]) => c !== 'voter_id' && c !== 'vote');
	const votes: PbVote[] = [];
	const voters = new Set<string>();
	for (const row of table.rows) {
		const values = fitRow(row, header);
		const voterId = values[voterColumn];
		if (voterId === '') throw new PabulibError(row.line, 'voter_id is empty');
		if (voters.has(voterId)) throw new PabulibError(row.line, `voter_id '${voterId}' appears twice`);
		voters.add(voterId);
		const projectIdsOnBallot = parseBallot(values[voteColumn], row.line, projectIds);
		const extra: Record<string, string> = {};
		for (const [column, i] of extraColumns) extra[column] = values[i];
		votes.push({ voterId, projectIds: projectIdsOnBallot, extra });
	}
	return votes;
}

function parseBallot(field: string, line: number, projectIds: Set<string>): string[] {
	if (field === '') return [];
	const ids = field.split(',').map((id) => id.trim());
	const seen = new Set<string>();
	for (const id of ids) {
		if (id === '') throw new PabulibError(line, `vote '${field}' has an empty project id`);
		if (!projectIds.has(id)) throw new PabulibError(line, `vote names unknown project '${id}'`);
		if (seen.has(id)) throw new PabulibError(line, `vote names project '${id}' twice`);
		seen.add(id);
	}
	return ids;
}

export function parsePabulib(text: string): PbElection {
	if (typeof text !== 'string') throw new PabulibError(0, 'input must be text');
	const bad = controlCharacters.exec(text);
	if (bad) throw new PabulibError(text.slice(0, bad.index).split('\n').length, `contains a control character (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`);
	const rows = readRows(text);
	if (rows.length === 0) throw new PabulibError(1, 'file is empty');
	const tables = splitSections(rows);
	const lastLine = rows[rows.length - 1].line;
	if (!tables.meta) throw new PabulibError(lastLine, 'missing META section');
	if (!tables.projects) throw new PabulibError(lastLine, 'missing PROJECTS section');
	for (const section of ['meta', 'projects', 'votes'] as const) {
		const table = tables[section];
		if (table && table.header.length === 0) {
			throw new PabulibError(table.headerLine, `section ${section.toUpperCase()} has no header row`);
		}
	}
	const meta = readMeta(tables.meta);
	const projects = readProjects(tables.projects);
	const votes = readVotes(tables.votes, new Set(projects.map((p) => p.id)));
	return {
		meta,
		projects,
		votes,
		columns: { projects: tables.projects.header, votes: tables.votes?.header ?? ['voter_id', 'vote'] }
	};
}
