import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { messageKeyFor, messageParamsFor } from '../shared/validate';
import { recordAudit } from '../audit';
import { isStaffOf, type Actor } from './actor';
import { readCsv, requiredColumns, rowSchema, type ImportProblem } from './import-units';
import { endMembershipsOfUnit } from './end-tenancy';

/**
 * The nightly changes from the corporation's ERP (README "Importing units", incremental): the
 * same columns as the full import plus `mutatie` per row — nieuw (a new tenancy, on a new or
 * known unit), gewijzigd (changed unit details or tenancy dates), beeindigd (a tenancy ended,
 * with its einddatum). All or nothing, with every bad row named; a file is taken once.
 */
export const mutations = { nieuw: 'new', new: 'new', gewijzigd: 'changed', changed: 'changed', beeindigd: 'ended', beëindigd: 'ended', ended: 'ended' } as const;
type Mutation = (typeof mutations)[keyof typeof mutations];

const syncRowSchema = rowSchema.and(
	z.object({ mutatie: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(Object.keys(mutations) as [keyof typeof mutations], 'people.import_bad_mutation')) })
);

export interface SyncReport {
	newUnits: number;
	changedUnits: number;
	newTenancies: number;
	changedTenancies: number;
	endedTenancies: number;
	/** Members whose home's tenancy ended: their membership ends on the tenancy's end date. */
	membershipsEnded: number;
}

interface Row {
	line: number;
	kind: Mutation;
	row: z.infer<typeof rowSchema>;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Applies one incremental file for the corporation. Errors: people.forbidden,
 * people.import_already_done (this file was imported before), people.import_invalid
 * { problems } (nothing changed): a bad value, an unknown buurt, `nieuw` for a tenancy that
 * exists, `gewijzigd` or `beeindigd` for one that does not, `beeindigd` without einddatum.
 */
export async function syncUnits(ctx: Ctx, actor: Actor, input: { corporationId: string; csv: string; fileName?: string }): Promise<SyncReport> {
	if (!isStaffOf(actor, input.corporationId)) throw new DomainError('people.forbidden');
	if (input.csv.length > 10_000_000) throw new DomainError('people.import_invalid', { problems: [{ line: 0, column: '', code: 'people.import_too_big' }] });
	const { header, rows } = readCsv(input.csv);
	const missing = [...requiredColumns, 'contract', 'mutatie'].filter((c) => !header.includes(c));
	if (missing.length) throw new DomainError('people.import_invalid', { problems: missing.map((column) => ({ line: 1, column, code: 'people.import_missing_column' })) });
	const now = ctx.clock();
	const fileSha = sha256(input.csv);
	return ctx.db
		.transaction(async (tx) => {
			const [done] = await tx.query(`SELECT 1 FROM unit_import_runs WHERE corporation_id = $1 AND file_sha256 = $2 AND mode = 'incremental'`, [input.corporationId, fileSha]);
			if (done) throw new DomainError('people.import_already_done');
			const buurten = await tx.query<{ id: string; code: string }>('SELECT id, code FROM buurten WHERE corporation_id = $1', [input.corporationId]);
			const buurtByCode = new Map(buurten.map((b) => [b.code, b.id]));
			const problems: ImportProblem[] = [];
			const valid: Row[] = [];
			for (const { line, values } of rows) {
				const parsed = syncRowSchema.safeParse(values);
				if (!parsed.success) {
					const issue = parsed.error.issues[0];
					const params = messageParamsFor(issue);
					problems.push({ line, column: String(issue.path[0] ?? ''), code: messageKeyFor(issue), ...(Object.keys(params).length ? { params } : {}) });
					continue;
				}
				const kind = mutations[parsed.data.mutatie];
				if (!buurtByCode.has(parsed.data.buurtcode)) problems.push({ line, column: 'buurtcode', code: 'people.import_unknown_buurt' });
				if ((kind === 'new' || kind === 'ended') && !parsed.data.contract) problems.push({ line, column: 'contract', code: 'validation.required' });
				if (kind === 'ended' && !parsed.data.einddatum) problems.push({ line, column: 'einddatum', code: 'people.import_end_needed' });
				valid.push({ line, kind, row: parsed.data });
			}
			// What exists now decides whether nieuw / gewijzigd / beeindigd fit: one read for the whole file.
			const known = await existing(tx, input.corporationId, valid);
			for (const { line, kind, row } of valid) {
				const unit = known.units.get(`${row.complex}\u001f${row.eenheid}`);
				const tenancy = unit && row.contract ? known.tenancies.get(`${unit}\u0000${row.contract}`) : undefined;
				if (kind === 'new' && tenancy) problems.push({ line, column: 'contract', code: 'people.import_tenancy_exists' });
				if (kind === 'changed' && !unit) problems.push({ line, column: 'eenheid', code: 'people.import_unit_unknown' });
				else if (kind !== 'new' && row.contract && !tenancy) problems.push({ line, column: 'contract', code: 'people.import_tenancy_unknown' });
			}
			if (problems.length) throw new DomainError('people.import_invalid', { problems: problems.sort((a, b) => a.line - b.line) });

			const report: SyncReport = { newUnits: 0, changedUnits: 0, newTenancies: 0, changedTenancies: 0, endedTenancies: 0, membershipsEnded: 0 };
			for (const { kind, row } of valid) {
				const { unitId, created } = await upsertUnit(tx, input.corporationId, buurtByCode.get(row.buurtcode)!, row);
				if (created) report.newUnits++;
				else if (kind === 'changed' && !row.contract) report.changedUnits++;
				if (!row.contract) continue;
				await tx.query(
					`INSERT INTO tenancies (unit_id, contract, starts_on, ends_on) VALUES ($1, $2, $3, $4)
					 ON CONFLICT (unit_id, contract) DO UPDATE SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on`,
					[unitId, row.contract, row.ingangsdatum, row.einddatum ?? null]
				);
				if (kind === 'new') report.newTenancies++;
				else if (kind === 'changed') report.changedTenancies++;
				else {
					report.endedTenancies++;
					report.membershipsEnded += await endMembershipsOfUnit(tx, { corporationId: input.corporationId, unitId, endsOn: row.einddatum!, at: now });
				}
			}
			await tx.query(
				`INSERT INTO unit_import_runs (corporation_id, mode, file_sha256, file_name, imported_by, imported_at, report) VALUES ($1, 'incremental', $2, $3, $4, $5, $6::jsonb)`,
				[input.corporationId, fileSha, input.fileName?.slice(0, 255) ?? null, actor.accountId, now, JSON.stringify(report)]
			);
			await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'people.units_synced', subject: `corporation:${input.corporationId}`, details: { ...report, file: input.fileName ?? null } });
			return report;
		})
		.catch((err) => {
			if ((err as { code?: string }).code === '23505') throw new DomainError('people.import_invalid', { problems: [{ line: 0, column: 'postcode', code: 'people.import_duplicate_address' }] });
			throw err;
		});
}

async function existing(tx: Queryable, corporationId: string, rows: Row[]) {
	const found = await tx.query<{ key: string; unit_id: string; contract: string | null }>(
		`SELECT c.code || chr(31) || u.eenheid AS key, u.id AS unit_id, t.contract
		 FROM units u JOIN complexes c ON c.id = u.complex_id LEFT JOIN tenancies t ON t.unit_id = u.id
		 WHERE c.corporation_id = $1 AND (c.code, u.eenheid) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
		[corporationId, rows.map((r) => r.row.complex), rows.map((r) => r.row.eenheid)]
	);
	const units = new Map(found.map((f) => [f.key, f.unit_id]));
	const tenancies = new Map(found.filter((f) => f.contract).map((f) => [`${f.unit_id}\u0000${f.contract}`, f.unit_id]));
	return { units, tenancies };
}

async function upsertUnit(tx: Queryable, corporationId: string, buurtId: string, row: z.infer<typeof rowSchema>): Promise<{ unitId: string; created: boolean }> {
	const [complex] = await tx.query<{ id: string }>(
		`INSERT INTO complexes (corporation_id, buurt_id, code, name) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (corporation_id, code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
		[corporationId, buurtId, row.complex, row.complex_naam ?? row.complex]
	);
	const [unit] = await tx.query<{ id: string; created: boolean }>(
		`INSERT INTO units (complex_id, eenheid, street, house_number, addition, postcode, place, bag_vbo_id, bag_pand_id)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		 ON CONFLICT (complex_id, eenheid) DO UPDATE SET street = EXCLUDED.street, house_number = EXCLUDED.house_number,
		   addition = EXCLUDED.addition, postcode = EXCLUDED.postcode, place = EXCLUDED.place, bag_vbo_id = EXCLUDED.bag_vbo_id, bag_pand_id = EXCLUDED.bag_pand_id
		 RETURNING id, (xmax = 0) AS created`,
		[complex.id, row.eenheid, row.straat, row.huisnummer, row.toevoeging, row.postcode, row.plaats, row.bag_vbo_id ?? null, row.bag_pand_id ?? null]
	);
	return { unitId: unit.id, created: unit.created };
}
