import type { Ctx } from '../shared/context';
import { loadActor, type DemoKey } from '../people';
import { createCareRequest } from './create-care-request';
import { recordHelperCheck } from './vetting';
import { insertCareToken, setCareCoordinator } from './organisations';
import { addMonths, isoDay } from './model';

/** The demo care organisation's fixed API token (demo mode only, like Open311's demo key). */
export const demoCareToken = 'care-demo-zorggroep-noaberveen-2026-do-not-use-in-production';

/**
 * The care bridge's demo: Carla (Zorggroep Noaberveen) is its coordinator; Wim saw Noor's VOG,
 * so Noor is a vetted helper of the Lindebuurt; Carla asks for company on weekday afternoons for
 * a client (consent given by the client today); the organisation has a fixed demo API token.
 * Through the use cases; run once, when seedDemo ran.
 */
export async function seedCareDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const now = ctx.clock();
	const actor = async (key: DemoKey) => (await loadActor(ctx.db, ids[key], now))!;
	const [carla, wim] = [await actor('care'), await actor('employee')];
	const org = carla.partners.find((p) => p.kind === 'care')!;
	const lindebuurt = org.buurtIds[0];
	await setCareCoordinator(ctx, wim, { organisationId: org.organisationId, accountId: carla.accountId, coordinator: true });
	const today = isoDay(now);
	await recordHelperCheck(ctx, wim, { buurtId: lindebuurt, email: 'noor@demo.noaber.test', method: 'vog', vogSeenOn: today, validUntil: addMonths(today, 36) });
	await createCareRequest(ctx, carla, {
		organisationId: org.organisationId,
		buurtId: lindebuurt,
		need: 'company',
		days: ['tue', 'thu'],
		dayparts: ['afternoon'],
		availabilityNote: 'Houdt van een kopje koffie en een praatje over vroeger.',
		frequency: 'weekly',
		weeks: 8,
		consentGivenOn: today,
		consentGivenBy: 'client',
		consentStatement: true
	});
	await ctx.db.transaction((tx) => insertCareToken(tx, { token: demoCareToken, corporationId: org.corporationId, organisationId: org.organisationId, contactId: carla.accountId, createdBy: wim.accountId, at: now }));
}
