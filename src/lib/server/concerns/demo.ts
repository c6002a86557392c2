import type { Ctx } from '../shared/context';
import { loadActor, setSocialTeamMember, type DemoKey } from '../people';
import { concernPlaces } from './places';
import { raiseConcern } from './raise-concern';

/**
 * The demo's concern signals: Henk (huismeester of De Linde) is on the corporation's social team,
 * named by the admin, and Anna has raised one concern about a neighbour in the Lindehof that
 * nobody has picked up yet. Idempotent (a fixed key; the role is added once).
 */
export async function seedConcernsDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const now = ctx.clock();
	const actor = async (key: DemoKey) => {
		const a = await loadActor(ctx.db, ids[key], now);
		if (!a) throw new Error(`demo account ${key} is missing`);
		return a;
	};
	const admin = await actor('admin');
	await setSocialTeamMember(ctx, admin, { corporationId: admin.staff[0].corporationId, accountId: ids.henk }, true);
	const anna = await actor('tenant');
	const { units } = await concernPlaces(ctx.db, anna, now);
	const neighbour = units.find((u) => u.label === 'Lindehof 3') ?? units[0];
	// Two days ago, so the social team's home shows its age.
	const earlier = { ...ctx, clock: () => new Date(now.getTime() - 2 * 86_400_000) };
	await raiseConcern(earlier, anna, {
		unitId: neighbour.id,
		category: 'not_seen',
		body: 'Mijn buurvrouw doet al dagen niet open en haar post stapelt zich op. Normaal zie ik haar elke ochtend.',
		mayContact: true,
		idempotencyKey: 'demo-concern-1'
	});
}
