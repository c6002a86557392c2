import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, type DemoKey } from './demo-seed';
import { loadActor, personaOf } from './actor';
import { appointAmbassador, endAmbassador, listAmbassadors } from './ambassadors';
import { listAudit } from '../audit';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let buurtId: string;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	[{ id: buurtId }] = await db.query<{ id: string }>("SELECT id FROM buurten WHERE code = 'BU99990101'");
});
afterAll(() => db.close());

describe('buurtambassadeurs', () => {
	it('lets staff appoint a member of the buurt, who then has the involved-citizen home', async () => {
		const staff = (await loadActor(db, ids.employee, ctx.clock()))!;
		await appointAmbassador(ctx, staff, { buurtId, email: 'noor@demo.noaber.test' });
		const noor = (await loadActor(db, ids.helper, ctx.clock()))!;
		expect(noor.ambassadorBuurtIds).toEqual([buurtId]);
		expect(personaOf(noor)).toBe('supervisor');
		expect((await listAmbassadors(db, staff.staff[0].corporationId)).map((a) => a.name)).toEqual(['Fatima Yilmaz', 'Noor El Amrani']);
		expect((await listAudit(db, { action: 'people.role_granted' }))[0].details).toEqual({ ambassadorOf: buurtId });

		await expect(appointAmbassador(ctx, staff, { buurtId, email: 'noor@demo.noaber.test' })).rejects.toMatchObject({ code: 'people.already_ambassador' });
		await endAmbassador(ctx, staff, { buurtId, accountId: ids.helper });
		expect((await loadActor(db, ids.helper, ctx.clock()))!.ambassadorBuurtIds).toEqual([]);
		expect((await listAudit(db, { action: 'people.role_ended' })).length).toBe(1);
	});

	it('refuses someone who does not live in the buurt, and anyone who is not staff', async () => {
		const staff = (await loadActor(db, ids.employee, ctx.clock()))!;
		const tenant = (await loadActor(db, ids.tenant, ctx.clock()))!;
		await expect(appointAmbassador(ctx, staff, { buurtId, email: 'carla@demo.noaber.test' })).rejects.toMatchObject({ fields: { email: 'people.not_a_member' } });
		await expect(appointAmbassador(ctx, tenant, { buurtId, email: 'noor@demo.noaber.test' })).rejects.toMatchObject({ code: 'people.forbidden' });
	});
});
