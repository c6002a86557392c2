import type { Ctx } from '../shared/context';
import { loadActor } from './actor';
import sharp from 'sharp';
import { saveMyConsultantCard, setBuurtConsultant } from './consultant-cards';
import { saveMyConsultantPhoto } from './consultant-photos';
import type { DemoKey } from './demo-seed';

/**
 * The demo's wijkconsulent as a person: Wim keeps his card and links it to the Lindebuurt, so
 * every Lindebuurt home shows him (Beukenbuurt has no consultant yet, to show that case too).
 * His "photo" is a drawn portrait (no real person's face in the demo), through the same pipeline.
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
	await saveMyConsultantPhoto(ctx, wim, [{ field: 'photo', bytes: await drawnPortrait() }]);
	await setBuurtConsultant(ctx, wim, { buurtId: lindebuurt.id, accountId: wim.accountId });
}

/** A friendly head-and-shoulders drawing, 240 × 240, as a PNG. */
async function drawnPortrait(): Promise<Uint8Array> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">
		<rect width="240" height="240" fill="#dbe8f5"/>
		<path d="M40 240c4-52 38-80 80-80s76 28 80 80z" fill="#2f5f8a"/>
		<circle cx="120" cy="100" r="46" fill="#e9b48f"/>
		<path d="M74 96c0-34 20-52 46-52s46 18 46 52c-10-16-26-24-46-24s-36 8-46 24z" fill="#6b4a33"/>
		<circle cx="104" cy="104" r="4" fill="#3a2a20"/><circle cx="136" cy="104" r="4" fill="#3a2a20"/>
		<path d="M104 124c10 8 22 8 32 0" stroke="#a0583c" stroke-width="4" fill="none" stroke-linecap="round"/>
	</svg>`;
	return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}
