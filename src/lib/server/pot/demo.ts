import type { Ctx } from '../shared/context';
import { loadActor, type DemoKey } from '../people';
import { topUpBuurt } from './top-up';

/** Demo money: the wijkconsulent funds both demo buurten, so rewards can be paid at once. */
export async function seedPotDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const wim = (await loadActor(ctx.db, ids.employee, ctx.clock()))!;
	const buurten = await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM buurten WHERE corporation_id = $1 ORDER BY name', [wim.staff[0].corporationId]);
	for (const b of buurten) {
		await topUpBuurt(ctx, wim, { buurtId: b.id, account: 'funding', amountCents: b.name === 'Lindebuurt' ? 25_000 : 10_000, note: 'Leefbaarheidsbudget 2026 (demo)', idempotencyKey: `demo-funding-${b.id}` });
	}
}
