import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { listVisibleBuurten } from '../places';
import { loadActor, seedDemo, type DemoKey } from '../people';
import { getPotOverview } from './overview';

/**
 * Who sees what: a partner sees the buurten its organisation serves, no others; of the buurtpot
 * only the tenants' association reads the pot of those buurten — care, municipality and
 * supplier partners have no part in it (404, as for a pot that does not exist).
 */
let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let buurt: Record<string, string>;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	buurt = Object.fromEntries((await db.query<{ id: string; name: string }>('SELECT id, name FROM buurten')).map((b) => [b.name, b.id]));
});
afterAll(() => db.close());

describe('partner scope', () => {
	it('the tenants’ association reads the pot of its linked buurt, Lindebuurt', async () => {
		const hanna = (await loadActor(db, ids.tenants_association, ctx.clock()))!;
		expect((await getPotOverview(db, hanna, { buurtId: buurt.Lindebuurt })).buurt.name).toBe('Lindebuurt');
	});

	it.each(['care', 'municipality', 'supplier'] as const)('a %s partner sees the Lindebuurt (linked) but not its pot', async (kind) => {
		const partner = (await loadActor(db, ids[kind], ctx.clock()))!;
		expect((await listVisibleBuurten(db, partner)).map((b) => b.name)).toEqual(['Lindebuurt']);
		await expect(getPotOverview(db, partner, { buurtId: buurt.Lindebuurt })).rejects.toMatchObject({ code: 'pot.not_found' });
	});

	it.each(['care', 'municipality', 'supplier', 'tenants_association'] as const)('a %s partner sees no pot of the Beukenbuurt (not linked) or of another corporation', async (kind) => {
		const partner = (await loadActor(db, ids[kind], ctx.clock()))!;
		expect((await listVisibleBuurten(db, partner)).map((b) => b.name)).toEqual(['Lindebuurt']);
		await expect(getPotOverview(db, partner, { buurtId: buurt.Beukenbuurt })).rejects.toMatchObject({ code: 'pot.not_found' });
		await expect(getPotOverview(db, partner, { buurtId: buurt.Esdoornbuurt })).rejects.toMatchObject({ code: 'pot.not_found' });
	});

	it("staff see every buurt of their own corporation, and none of another's", async () => {
		const wim = (await loadActor(db, ids.employee, ctx.clock()))!;
		const olga = (await loadActor(db, ids.olga, ctx.clock()))!;
		expect((await listVisibleBuurten(db, wim)).map((b) => b.name)).toEqual(['Beukenbuurt', 'Lindebuurt']);
		expect((await listVisibleBuurten(db, olga)).map((b) => b.name)).toEqual(['Esdoornbuurt']);
		await expect(getPotOverview(db, olga, { buurtId: buurt.Lindebuurt })).rejects.toMatchObject({ code: 'pot.not_found' });
	});
});
