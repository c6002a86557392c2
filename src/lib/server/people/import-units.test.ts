import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, type DemoKey } from './demo-seed';
import { loadActor, type Actor } from './actor';
import { importUnits } from './import-units';
import { listAudit } from '../audit';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let staff: Actor;
let corporationId: string;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	staff = (await loadActor(db, ids.employee, ctx.clock()))!;
	corporationId = staff.staff[0].corporationId;
});
afterAll(() => db.close());

const unitCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units'))[0].n;

describe('importing units and tenancies from CSV', () => {
	it('imports a semicolon file with quoted fields, a new complex and tenancies, and audits it', async () => {
		const before = await unitCount();
		const csv = [
			'eenheid;complex;complex_naam;buurtcode;straat;huisnummer;toevoeging;postcode;plaats;bag_vbo_id;contract;ingangsdatum',
			'E-1;C-400;"Hof; de Oude";BU99990101;Kerkstraat;1;;9999CA;Noaberveen;0363010000000001;HC-1;2023-05-01',
			'E-2;C-400;"Hof; de Oude";BU99990101;Kerkstraat;1;a;9999 CA;Noaberveen;;;'
		].join('\n');
		const summary = await importUnits(ctx, staff, { corporationId, csv, fileName: 'eenheden.csv' });
		expect(summary).toEqual({ units: 2, complexes: 1, tenancies: 1, endedMemberships: 0 });
		expect(await unitCount()).toBe(before + 2);
		const [unit] = await db.query<{ postcode: string; addition: string }>("SELECT postcode, addition FROM units WHERE eenheid = 'E-2'");
		expect(unit).toEqual({ postcode: '9999 CA', addition: 'A' });
		const [complex] = await db.query<{ name: string }>("SELECT name FROM complexes WHERE code = 'C-400'");
		expect(complex.name).toBe('Hof; de Oude');
		expect((await listAudit(db, { action: 'people.units_imported' }))[0].details).toMatchObject({ units: 2, file: 'eenheden.csv' });
	});

	it('imports nothing from a file with errors and lists every bad row with its line', async () => {
		const before = await unitCount();
		const csv = [
			'eenheid,complex,buurtcode,straat,huisnummer,postcode,plaats',
			'G-1,C-500,BU99990101,Goedstraat,1,9999 DA,Noaberveen',
			'G-2,C-500,BU123,Goedstraat,2,9999 DA,Noaberveen',
			'G-3,C-500,BU99990101,Goedstraat,drie,9999 DA,Noaberveen',
			'G-4,C-500,BU99990101,Goedstraat,4,12345,Noaberveen',
			'G-1,C-500,BU99990101,Goedstraat,5,9999 DA,Noaberveen',
			'G-6,C-500,BU00000000,Goedstraat,6,9999 DA,Noaberveen'
		].join('\n');
		const err = await importUnits(ctx, staff, { corporationId, csv }).catch((e) => e);
		expect(err.code).toBe('people.import_invalid');
		expect(err.details.problems).toEqual([
			{ line: 3, column: 'buurtcode', code: 'places.invalid_buurt_code' },
			{ line: 4, column: 'huisnummer', code: 'places.invalid_house_number' },
			{ line: 5, column: 'postcode', code: 'places.invalid_postcode' },
			{ line: 6, column: 'eenheid', code: 'people.import_duplicate_unit' },
			{ line: 7, column: 'buurtcode', code: 'people.import_unknown_buurt' }
		]);
		expect(await unitCount()).toBe(before);
		expect(await db.query("SELECT 1 FROM complexes WHERE code = 'C-500'")).toEqual([]);
	});

	it('names a missing required column', async () => {
		const err = await importUnits(ctx, staff, { corporationId, csv: 'eenheid,complex\nA,B\n' }).catch((e) => e);
		expect(err.details.problems.map((p: { column: string }) => p.column)).toEqual(['buurtcode', 'straat', 'huisnummer', 'postcode', 'plaats']);
	});

	it('reports an unreadable file instead of crashing', async () => {
		const err = await importUnits(ctx, staff, { corporationId, csv: 'eenheid,complex\n"open quote,B\n' }).catch((e) => e);
		expect(err.code).toBe('people.import_invalid');
		expect(err.details.problems[0].code).toBe('people.import_bad_csv');
	});

	it('lets only staff of the corporation import', async () => {
		const tenant = (await loadActor(db, ids.tenant, ctx.clock()))!;
		await expect(importUnits(ctx, tenant, { corporationId, csv: 'x' })).rejects.toMatchObject({ code: 'people.forbidden' });
	});
});
