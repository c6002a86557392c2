import type { Ctx } from '../shared/context';
import { loadActor } from './actor';
import { saveMyConsultantCard, setBuurtConsultant } from './consultant-cards';
import type { DemoKey } from './demo-seed';

/**
 * The demo's wijkconsulent as a person: Wim keeps his card and links it to the Lindebuurt, so
 * every Lindebuurt home shows him (Beukenbuurt has no consultant yet, to show that case too).
 * Through the use cases, after seedDemo; run once by the demo registry (../demo.ts).
 */
export async function seedConsultantDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const wim = (await loadActor(ctx.db, ids.employee, ctx.clock()))!;
	const [lindebuurt] = await ctx.db.query<{ id: string }>(`SELECT id FROM buurten WHERE code = 'BU99990101'`);
	await saveMyConsultantCard(ctx, wim, {
		displayName: 'Wim Bakker',
		about: 'Ik ben de wijkconsulent van de Lindebuurt. Kom bij mij met vragen over uw buurt, over samen wonen en over Noaber.',
		officeHours: 'Dinsdag en donderdag, van 9.00 tot 12.00 uur',
		officePlace: 'Buurthuis De Linde, Lindeplein 2 (fictief)',
		phone: '0599 000 000',
		email: 'wijkconsulent@demo.noaber.test'
	});
	await setBuurtConsultant(ctx, wim, { buurtId: lindebuurt.id, accountId: wim.accountId });
}
