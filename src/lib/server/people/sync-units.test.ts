import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, type DemoKey } from './demo-seed';
import { loadActor, type Actor } from './actor';
import { importUnits } from './import-units';
import { syncUnits } from './sync-units';
import { registerWebhookEndpoint } from '../webhooks';

/**
 * The nightly file from the corporation's ERP: only what changed since the last file, applied
 * all or nothing, once. A tenancy that ends ends the membership of the tenant who lived there.
 */
let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let staff: Actor;
let corporationId: string;
const header = 'mutatie;eenheid;complex;buurtcode;straat;huisnummer;postcode;plaats;contract;ingangsdatum;einddatum';
const file = (...rows: string[]) => [header, ...rows].join('\n');

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	staff = (await loadActor(db, ids.employee, ctx.clock()))!;
	corporationId = staff.staff[0].corporationId;
	await importUnits(ctx, staff, {
		corporationId,
		csv: ['eenheid;complex;buurtcode;straat;huisnummer;postcode;plaats;contract;ingangsdatum', 'S-1;C-500;BU99990101;Molenweg;1;9999CB;Noaberveen;HC-S1;2020-01-01', 'S-2;C-500;BU99990101;Molenweg;2;9999CB;Noaberveen;HC-S2;2021-01-01'].join('\n')
	});
});
afterAll(() => db.close());

const tenancy = async (contract: string) => (await db.query<{ starts_on: string; ends_on: string | null }>(`SELECT starts_on::text, ends_on::text FROM tenancies WHERE contract = $1`, [contract]))[0];
const unitId = async (eenheid: string) => (await db.query<{ id: string }>(`SELECT id FROM units WHERE eenheid = $1`, [eenheid]))[0].id;
async function problemsOf(p: Promise<unknown>) {
	const err = (await p.catch((e) => e)) as { code: string; details: { problems?: { line: number; column: string; code: string }[] } };
	return { code: err.code, problems: err.details.problems?.map((x) => `${x.line}:${x.column}:${x.code}`) };
}

describe('the incremental file', () => {
	it('names every row that does not fit what exists, and changes nothing', async () => {
		const r = await problemsOf(
			syncUnits(ctx, staff, {
				corporationId,
				csv: file(
					'nieuw;S-1;C-500;BU99990101;Molenweg;1;9999CB;Noaberveen;HC-S1;2020-01-01;',
					'gewijzigd;S-9;C-500;BU99990101;Molenweg;9;9999CB;Noaberveen;;;',
					'beeindigd;S-2;C-500;BU99990101;Molenweg;2;9999CB;Noaberveen;HC-S2;2021-01-01;',
					'beeindigd;S-2;C-500;BU99990101;Molenweg;2;9999CB;Noaberveen;HC-XX;2021-01-01;2026-01-31',
					'verhuisd;S-2;C-500;BU99990101;Molenweg;2;9999CB;Noaberveen;HC-S2;2021-01-01;'
				)
			})
		);
		expect(r.code).toBe('people.import_invalid');
		expect(r.problems).toEqual([
			'2:contract:people.import_tenancy_exists',
			'3:eenheid:people.import_unit_unknown',
			'4:einddatum:people.import_end_needed',
			'5:contract:people.import_tenancy_unknown',
			'6:mutatie:people.import_bad_mutation'
		]);
		expect(await tenancy('HC-S2')).toEqual({ starts_on: '2021-01-01', ends_on: null });
	});

	it('applies new, changed and ended tenancies in one go, ends the membership of the home whose tenancy ended, and tells the ERP who left', async () => {
		const admin = (await loadActor(db, ids.admin, ctx.clock()))!;
		await registerWebhookEndpoint(ctx, admin, { corporationId, url: 'https://erp.example/hook', eventTypes: ['member.left'] });
		const s2 = await unitId('S-2');
		const [tenant] = await db.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('molenweg2@example.test', 'Mo') RETURNING id`);
		await db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2021-01-01')`, [tenant.id, s2]);
		const report = await syncUnits(ctx, staff, {
			corporationId,
			fileName: 'erp-2026-03-02.csv',
			csv: file(
				'nieuw;S-3;C-500;BU99990101;Molenweg;3;9999CB;Noaberveen;HC-S3;2026-03-01;',
				'gewijzigd;S-1;C-500;BU99990101;Molenweg;1;9999CB;Noaberveen;HC-S1;2019-12-01;',
				'beeindigd;S-2;C-500;BU99990101;Molenweg;2;9999CB;Noaberveen;HC-S2;2021-01-01;2026-02-28'
			)
		});
		expect(report).toEqual({ newUnits: 1, changedUnits: 0, newTenancies: 1, changedTenancies: 1, endedTenancies: 1, membershipsEnded: 1 });
		expect(await tenancy('HC-S1')).toEqual({ starts_on: '2019-12-01', ends_on: null });
		expect(await tenancy('HC-S2')).toEqual({ starts_on: '2021-01-01', ends_on: '2026-02-28' });
		expect(await tenancy('HC-S3')).toEqual({ starts_on: '2026-03-01', ends_on: null });
		const [m] = await db.query<{ ends_on: string }>(`SELECT ends_on::text FROM memberships WHERE account_id = $1`, [tenant.id]);
		expect(m.ends_on).toBe('2026-02-28');
		const [left] = await db.query<{ data: Record<string, string> }>(`SELECT data FROM webhook_events WHERE type = 'member.left'`);
		expect(left.data).toMatchObject({ accountId: tenant.id, unitId: s2, endsOn: '2026-02-28' });
		const [run] = await db.query<{ mode: string; report: unknown }>(`SELECT mode, report FROM unit_import_runs WHERE file_name = 'erp-2026-03-02.csv'`);
		expect(run).toEqual({ mode: 'incremental', report });
	});

	it('takes a file once: the same nightly file again changes nothing and says so', async () => {
		const again = file('nieuw;S-3;C-500;BU99990101;Molenweg;3;9999CB;Noaberveen;HC-S3;2026-03-01;', 'gewijzigd;S-1;C-500;BU99990101;Molenweg;1;9999CB;Noaberveen;HC-S1;2019-12-01;', 'beeindigd;S-2;C-500;BU99990101;Molenweg;2;9999CB;Noaberveen;HC-S2;2021-01-01;2026-02-28');
		expect((await problemsOf(syncUnits(ctx, staff, { corporationId, csv: again }))).code).toBe('people.import_already_done');
	});

	it('is for staff of the corporation only', async () => {
		const member = (await loadActor(db, ids.tenant, ctx.clock()))!;
		expect((await problemsOf(syncUnits(ctx, member, { corporationId, csv: file() }))).code).toBe('people.forbidden');
	});
});
