import type { Ctx } from '../shared/context';
import { loadActor, type DemoKey } from '../people';
import { insertKey } from './keys';

/**
 * The demo's Open311 key: Gemeente Noaberveen (fictief), acting as Gert, with a fixed and
 * obviously fake value that the README shows. Only the demo seed makes it (never production
 * configuration); a second run does nothing.
 */
export const DEMO_OPEN311_KEY = 'DEMO-open311-gemeente-noaberveen';

export async function seedOpen311Demo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const now = ctx.clock();
	const gert = await loadActor(ctx.db, ids.municipality, now);
	const municipality = gert?.partners.find((p) => p.kind === 'municipality');
	if (!gert || !municipality) return;
	await ctx.db.transaction((tx) =>
		insertKey(tx, { key: DEMO_OPEN311_KEY, corporationId: municipality.corporationId, organisationId: municipality.organisationId, contactId: gert.accountId, label: 'Demo: Gemeente Noaberveen (fictief)', createdBy: null, at: now })
	);
}
