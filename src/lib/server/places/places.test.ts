import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, type DemoKey, loadActor } from '../people';
import { createBuurt, createCorporation, createUnit, listVisibleBuurten, getBuurt } from './places';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { buurtCode, postcode } from './codes';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
});
afterAll(() => db.close());

const fieldsOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		if (e instanceof DomainError) return e.fields;
		throw e;
	}
	throw new Error('expected a DomainError');
};

describe('CBS codes and postcodes', () => {
	it('accepts buurt codes with letters, as CBS has used since 2022, and normalises case', () => {
		expect(buurtCode.parse('bu0363af09')).toBe('BU0363AF09');
		expect(buurtCode.parse('BU03630001')).toBe('BU03630001');
	});

	it('explains what is wrong with a bad buurt code or postcode', () => {
		expect(fieldsOf(() => parseInput(buurtCode, 'BU123'))).toEqual({ _: 'places.invalid_buurt_code' });
		expect(fieldsOf(() => parseInput(postcode, '0123 AB'))).toEqual({ _: 'places.invalid_postcode' });
		expect(fieldsOf(() => parseInput(postcode, '1234 SS'))).toEqual({ _: 'places.invalid_postcode' });
	});

	it('stores postcodes in one form however they are typed', () => {
		expect(postcode.parse('1234ab')).toBe('1234 AB');
		expect(postcode.parse(' 1234 AB ')).toBe('1234 AB');
	});

	it('refuses a buurt whose code is not in its gemeente, and writes nothing', async () => {
		const corporationId = await createCorporation(db, { name: 'Test' });
		const err = await db
			.transaction((tx) =>
				createBuurt(tx, {
					corporationId,
					gemeente: { code: 'GM0363', name: 'Amsterdam' },
					wijk: { code: 'WK036300', name: 'Burgwallen' },
					code: 'BU05180001',
					cbsYear: 2025,
					name: 'Elders'
				})
			)
			.catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err.code).toBe('places.buurt_not_in_gemeente');
		expect(await db.query("SELECT 1 FROM gemeenten WHERE code = 'GM0363'")).toEqual([]);
	});

	it('refuses an over-long street name with a field message', async () => {
		const [complex] = await db.query<{ id: string }>("SELECT id FROM complexes WHERE code = 'C-100'");
		const err = await createUnit(db, complex.id, { eenheid: 'X', street: 'x'.repeat(101), houseNumber: 1, postcode: '9999 ZZ', place: 'P' }).catch((e) => e);
		expect(err.fields).toEqual({ street: 'validation.too_long' });
	});
});

describe('who sees which buurt', () => {
	it('shows a tenant only their own buurt, and staff every buurt of the corporation', async () => {
		const tenant = (await loadActor(db, ids.tenant, ctx.clock()))!;
		const staff = (await loadActor(db, ids.employee, ctx.clock()))!;
		expect((await listVisibleBuurten(db, tenant)).map((b) => b.name)).toEqual(['Lindebuurt']);
		expect((await listVisibleBuurten(db, staff)).map((b) => b.name).sort()).toEqual(['Beukenbuurt', 'Lindebuurt']);
	});

	it('answers "not found" for a buurt the tenant may not see', async () => {
		const tenant = (await loadActor(db, ids.tenant, ctx.clock()))!;
		const staff = (await loadActor(db, ids.employee, ctx.clock()))!;
		const other = (await listVisibleBuurten(db, staff)).find((b) => b.name === 'Beukenbuurt')!;
		await expect(getBuurt(db, tenant, other.id)).rejects.toMatchObject({ code: 'places.buurt_not_found' });
	});
});
