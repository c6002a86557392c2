import { createHash } from 'node:crypto';
import { z } from 'zod';
import { plainText } from '../shared/text';
import { parse } from 'csv-parse/sync';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { messageKeyFor, messageParamsFor } from '../shared/validate';
import { recordAudit } from '../audit';
import { addition, bagId, buurtCode, houseNumber, postcode } from '../places';
import { isStaffOf, type Actor } from './actor';
import { endMembershipsOfUnit } from './end-tenancy';

/**
 * CSV columns (header row required; comma or semicolon; names after VERA where one fits):
 * eenheid, complex, complex_naam, buurtcode, straat, huisnummer, toevoeging, postcode, plaats,
 * bag_vbo_id, bag_pand_id, contract, ingangsdatum, einddatum. See README "Importing units".
 */
export const importColumns = [
	'eenheid',
	'complex',
	'complex_naam',
	'buurtcode',
	'straat',
	'huisnummer',
	'toevoeging',
	'postcode',
	'plaats',
	'bag_vbo_id',
	'bag_pand_id',
	'contract',
	'ingangsdatum',
	'einddatum'
] as const;
export const requiredColumns = ['eenheid', 'complex', 'buurtcode', 'straat', 'huisnummer', 'postcode', 'plaats'];

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());
const isoDate = plainText().regex(/^\d{4}-\d{2}-\d{2}$/, 'people.import_bad_date');

export const rowSchema = z
	.object({
		eenheid: plainText().trim().min(1, 'validation.required').max(40, 'validation.too_long'),
		complex: plainText().trim().min(1, 'validation.required').max(40, 'validation.too_long'),
		complex_naam: optional(plainText().trim().max(100, 'validation.too_long')),
		buurtcode: buurtCode,
		straat: plainText().trim().min(1, 'validation.required').max(100, 'validation.too_long'),
		huisnummer: houseNumber,
		toevoeging: addition,
		postcode,
		plaats: plainText().trim().min(1, 'validation.required').max(100, 'validation.too_long'),
		bag_vbo_id: optional(bagId),
		bag_pand_id: optional(bagId),
		contract: optional(plainText().trim().max(40, 'validation.too_long')),
		ingangsdatum: optional(isoDate),
		einddatum: optional(isoDate)
	})
	.refine((r) => !r.contract || r.ingangsdatum, { message: 'people.import_contract_needs_date', path: ['ingangsdatum'] });

export interface ImportProblem {
	line: number;
	column: string;
	code: string;
	/** The limit the message names ("hoogstens 40 tekens"). */
	params?: Record<string, number>;
}

export interface ImportSummary {
	units: number;
	complexes: number;
	tenancies: number;
	/** Tenant memberships ended because their tenancy ended (a move-out). */
	endedMemberships: number;
}

export function readCsv(text: string): { header: string[]; rows: { line: number; values: Record<string, string> }[] } {
	const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	let records: { record: string[]; info: { lines: number } }[];
	try {
		// info: true makes each record { record, info }; the typings only know the plain form.
		records = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as unknown as typeof records;
	} catch (err) {
		const line = (err as { lines?: number }).lines ?? 1;
		throw new DomainError('people.import_invalid', { problems: [{ line, column: '', code: 'people.import_bad_csv' }] });
	}
	if (!records.length) throw new DomainError('people.import_invalid', { problems: [{ line: 1, column: '', code: 'people.import_empty' }] });
	const header = records[0].record.map((h) => h.toLowerCase());
	const rows = records.slice(1).map(({ record, info }) => ({
		line: info.lines,
		values: Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']))
	}));
	return { header, rows };
}

/**
 * Imports units and tenancies of one corporation from CSV, all or nothing: a file with any
 * problem imports nothing and the error lists every bad row with its line number and reason.
 * Existing units (same complex and eenheid) are updated; new complexes are created in the
 * buurt named by buurtcode, which must already exist for the corporation.
 * Errors: people.forbidden, people.import_invalid { problems: ImportProblem[] }.
 */
export async function importUnits(ctx: Ctx, actor: Actor, input: { corporationId: string; csv: string; fileName?: string }): Promise<ImportSummary> {
	if (!isStaffOf(actor, input.corporationId)) throw new DomainError('people.forbidden');
	if (input.csv.length > 10_000_000) throw new DomainError('people.import_invalid', { problems: [{ line: 0, column: '', code: 'people.import_too_big' }] });
	const { header, rows } = readCsv(input.csv);
	const problems: ImportProblem[] = [];
	const missing = requiredColumns.filter((c) => !header.includes(c));
	for (const column of missing) problems.push({ line: 1, column, code: 'people.import_missing_column' });
	if (missing.length) throw new DomainError('people.import_invalid', { problems });

	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurten = await tx.query<{ id: string; code: string }>('SELECT id, code FROM buurten WHERE corporation_id = $1', [input.corporationId]);
		const buurtByCode = new Map(buurten.map((b) => [b.code, b.id]));
		const seenUnits = new Map<string, number>();
		const seenAddresses = new Map<string, number>();
		const valid: { line: number; row: z.infer<typeof rowSchema> }[] = [];
		for (const { line, values } of rows) {
			const parsed = rowSchema.safeParse(values);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				const column = String(issue.path[0] ?? '');
				const params = messageParamsFor(issue);
				problems.push({ line, column, code: messageKeyFor(issue), ...(Object.keys(params).length ? { params } : {}) });
				continue;
			}
			const row = parsed.data;
			if (!buurtByCode.has(row.buurtcode)) problems.push({ line, column: 'buurtcode', code: 'people.import_unknown_buurt' });
			const unitKey = `${row.complex}\u0000${row.eenheid}`;
			const addressKey = `${row.postcode}\u0000${row.huisnummer}\u0000${row.toevoeging}`;
			if (seenUnits.has(unitKey)) problems.push({ line, column: 'eenheid', code: 'people.import_duplicate_unit' });
			else if (seenAddresses.has(addressKey)) problems.push({ line, column: 'postcode', code: 'people.import_duplicate_address' });
			seenUnits.set(unitKey, line);
			seenAddresses.set(addressKey, line);
			valid.push({ line, row });
		}
		if (problems.length) throw new DomainError('people.import_invalid', { problems });

		const complexIds = new Map<string, string>();
		let createdComplexes = 0;
		let tenancies = 0;
		let endedMemberships = 0;
		for (const { row } of valid) {
			let complexId = complexIds.get(row.complex);
			if (!complexId) {
				const [existing] = await tx.query<{ id: string }>('SELECT id FROM complexes WHERE corporation_id = $1 AND code = $2', [
					input.corporationId,
					row.complex
				]);
				complexId =
					existing?.id ??
					(
						await tx.query<{ id: string }>(
							'INSERT INTO complexes (corporation_id, buurt_id, code, name) VALUES ($1, $2, $3, $4) RETURNING id',
							[input.corporationId, buurtByCode.get(row.buurtcode), row.complex, row.complex_naam ?? row.complex]
						)
					)[0].id;
				if (!existing) createdComplexes++;
				complexIds.set(row.complex, complexId);
			}
			const [unit] = await tx.query<{ id: string }>(
				`INSERT INTO units (complex_id, eenheid, street, house_number, addition, postcode, place, bag_vbo_id, bag_pand_id)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
				 ON CONFLICT (complex_id, eenheid) DO UPDATE SET street = EXCLUDED.street, house_number = EXCLUDED.house_number,
				   addition = EXCLUDED.addition, postcode = EXCLUDED.postcode, place = EXCLUDED.place,
				   bag_vbo_id = EXCLUDED.bag_vbo_id, bag_pand_id = EXCLUDED.bag_pand_id
				 RETURNING id`,
				[complexId, row.eenheid, row.straat, row.huisnummer, row.toevoeging, row.postcode, row.plaats, row.bag_vbo_id ?? null, row.bag_pand_id ?? null]
			);
			if (row.contract) {
				await tx.query(
					`INSERT INTO tenancies (unit_id, contract, starts_on, ends_on) VALUES ($1, $2, $3, $4)
					 ON CONFLICT (unit_id, contract) DO UPDATE SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
					[unit.id, row.contract, row.ingangsdatum, row.einddatum ?? null]
				);
				tenancies++;
				// A tenancy that ended is a move-out: the tenant memberships of the home that began
				// before its end end with it (a new tenant who joined later keeps theirs). After the
				// corporation's grace period the privacy job anonymises who has no home left.
				if (row.einddatum) endedMemberships += await endMembershipsOfUnit(tx, { corporationId: input.corporationId, unitId: unit.id, endsOn: row.einddatum, at: now });
			}
		}
		const summary = { units: valid.length, complexes: createdComplexes, tenancies, endedMemberships };
		await tx.query(
			`INSERT INTO unit_import_runs (corporation_id, mode, file_sha256, file_name, imported_by, imported_at, report) VALUES ($1, 'full', $2, $3, $4, $5, $6::jsonb)`,
			[input.corporationId, createHash('sha256').update(input.csv, 'utf8').digest('hex'), input.fileName?.slice(0, 255) ?? null, actor.accountId, now, JSON.stringify(summary)]
		);
		await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'people.units_imported', subject: `corporation:${input.corporationId}`, details: { ...summary, file: input.fileName ?? null } });
		return summary;
	}).catch((err) => {
		// A unique violation from the database (an address used by another complex) is bad input too.
		if ((err as { code?: string }).code === '23505') throw new DomainError('people.import_invalid', { problems: [{ line: 0, column: 'postcode', code: 'people.import_duplicate_address' }] });
		throw err;
	});
}
