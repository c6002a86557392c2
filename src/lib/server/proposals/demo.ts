import type { Ctx } from '../shared/context';
import { loadActor, type Actor, type DemoKey } from '../people';
import { createProposal } from './create-proposal';
import { supportProposal } from './support-proposal';
import { answerFeasibility } from './answer-feasibility';
import { DAY_MS } from './model';

/**
 * Buurtpot demo proposals, run by the demo registry (../demo.ts) after the demo households:
 * the support phase as a newcomer finds it — one proposal a single household short of the 5
 * (Anna can tip it over), one just started (Anna can support it and take that back), one that
 * reached 5 and waits for the corporation's feasibility check, one accepted and not yet on a
 * ballot (staff can open a round with it). Everything goes through the use cases, each at its
 * own moment in the past (a clock moved back), with fixed idempotency keys: running it again
 * replays the same proposals and supports instead of adding new ones.
 */

export interface DemoPeople {
	ids: Record<DemoKey, string>;
	/** The demo households' account ids (people/demo-households.ts). */
	households: string[];
}

export interface DemoProposalSpec {
	key: string;
	author: Actor;
	title: string;
	description: string;
	costCents: number;
	place: string;
	supporters: Actor[];
	/** Staff who accept it in the feasibility check (the 5 households must be reached). */
	acceptBy?: Actor;
	reason?: string;
	daysAgo: number;
}

/** One demo proposal, proposed, supported (and accepted) through the use cases, in the past. */
export async function seedDemoProposal(ctx: Ctx, s: DemoProposalSpec): Promise<string> {
	const back = (days: number): Ctx => ({ ...ctx, clock: () => new Date(ctx.clock().getTime() - days * DAY_MS) });
	const buurtId = s.author.memberships[0].buurtId;
	const p = await createProposal(back(s.daysAgo), s.author, {
		buurtId,
		title: s.title,
		description: s.description,
		costCents: s.costCents,
		place: s.place,
		volunteers: '',
		idempotencyKey: `demo-propose-${s.key}`
	});
	for (const [i, who] of s.supporters.entries()) await supportProposal(back(s.daysAgo - 0.1 * (i + 1)), who, { proposalId: p.id, idempotencyKey: `demo-support-${s.key}` });
	if (s.acceptBy)
		await answerFeasibility(back(s.daysAgo - 1), s.acceptBy, { proposalId: p.id, outcome: 'accept', reason: s.reason ?? 'Dit kan. Het past in de buurt en de prijs klopt.', idempotencyKey: `demo-check-${s.key}` });
	return p.id;
}

export async function seedProposalsDemo(ctx: Ctx, people: DemoPeople): Promise<void> {
	const now = ctx.clock();
	const actor = async (id: string) => (await loadActor(ctx.db, id, now))!;
	const [bram, noor, wim] = [await actor(people.ids.supervisor), await actor(people.ids.helper), await actor(people.ids.employee)];
	const h = await Promise.all(people.households.map(actor));
	await seedDemoProposal(ctx, {
		key: 'moestuin',
		author: h[0],
		title: 'Moestuinbakken bij de Eikenlaan',
		description: 'Zes houten bakken op het grasveld aan de Eikenlaan. Buren kweken er samen groente en kruiden. De kinderen van de school helpen mee.',
		costCents: 48_000,
		place: 'Grasveld Eikenlaan',
		supporters: [h[1], h[2], h[3]],
		daysAgo: 6
	});
	await seedDemoProposal(ctx, {
		key: 'boekenkast',
		author: h[4],
		title: 'Boekenkastje bij de bushalte',
		description: 'Een klein kastje met een deurtje, waar buren boeken ruilen: breng er een, neem er een mee.',
		costCents: 15_000,
		place: 'Bushalte Lindehof',
		supporters: [h[5]],
		daysAgo: 2
	});
	await seedDemoProposal(ctx, {
		key: 'fietsenstalling',
		author: bram,
		title: 'Verlichting bij de fietsenstalling',
		description: 'Het is donker bij de fietsenstalling achter de Lindehof. Twee lampen met een bewegingsmelder maken het veiliger.',
		costCents: 65_000,
		place: 'Fietsenstalling Lindehof',
		supporters: [noor, h[0], h[1], h[2]],
		daysAgo: 9
	});
	await seedDemoProposal(ctx, {
		key: 'speeltoestel',
		author: noor,
		title: 'Speeltoestel voor de kleintjes',
		description: 'Een laag klimrek met een glijbaantje voor kinderen tot 4 jaar, naast de zandbak.',
		costCents: 90_000,
		place: 'Speeltuin Lindehof',
		supporters: [bram, h[3], h[4], h[5]],
		acceptBy: wim,
		reason: 'Dit kan. De speeltuin is van de corporatie en er is plek naast de zandbak.',
		daysAgo: 12
	});
}
