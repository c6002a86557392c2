import type { Ctx } from '../shared/context';
import { loadActor, type DemoKey } from '../people';
import { topUpBuurt } from './top-up';

/**
 * Demo money: the corporation put €3,500 in the Lindebuurt's buurtpot eleven weeks ago (the demo
 * rounds spend from it: rounds/demo.ts), and the wijkconsulent funds both demo buurten now, so
 * rewards can be paid at once. Idempotent (fixed keys: a second run posts nothing new).
 */
export async function seedPotDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const wim = (await loadActor(ctx.db, ids.employee, ctx.clock()))!;
	const buurten = await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM buurten WHERE corporation_id = $1 ORDER BY name', [wim.staff[0].corporationId]);
	const linde = buurten.find((b) => b.name === 'Lindebuurt');
	if (linde) {
		const past: Ctx = { ...ctx, clock: () => new Date(ctx.clock().getTime() - 77 * 24 * 3600 * 1000) };
		await topUpBuurt(past, wim, { buurtId: linde.id, account: 'buurtpot', amountCents: 350_000, note: 'Bijdrage van de corporatie voor 2026 (demo)', idempotencyKey: `demo-buurtpot-${linde.id}` });
	}
	for (const b of buurten) {
		await topUpBuurt(ctx, wim, { buurtId: b.id, account: 'funding', amountCents: b.name === 'Lindebuurt' ? 25_000 : 10_000, note: 'Leefbaarheidsbudget 2026 (demo)', idempotencyKey: `demo-funding-${b.id}` });
	}
}
