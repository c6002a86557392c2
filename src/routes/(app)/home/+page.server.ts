import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { personaOf, getHomeOverview, isAdminOf, firstName, myConsultantCards } from '$lib/server/people';
import { getLatestLedgerCheck } from '$lib/server/ledger';
import { pageLoad } from '$lib/server/web/input';
import { waitingFor } from './waiting.server';
import { concernsForHome } from '$lib/server/concerns';
import { careProviderHome } from '$lib/server/care';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	// The social team's untriaged concerns, oldest first (null for everyone else; the read is audited).
	const concerns = await concernsForHome(ctx, actor);
	return {
		persona: personaOf(actor),
		name: actor.name,
		// The greeting's face: neighbours go by their first name; staff and partners by their full name.
		faceName: actor.staff.length || actor.partners.length ? actor.name : firstName(actor.name),
		roles: {
			member: actor.memberships.length > 0,
			supervisor: actor.supervisorBuurtIds.length > 0,
			staff: actor.staff.map((s) => s.role),
			partners: actor.partners.map((p) => p.kind)
		},
		overview: await getHomeOverview(ctx.db, actor, now),
		// What waits for this person, first on their home (each list through its module's door).
		waiting: await waitingFor(ctx.db, actor, now),
		// The wijkconsulent of their buurt, as a person (members only; what the card shows is theirs to choose).
		consultants: actor.memberBuurtIds.length ? await myConsultantCards(ctx.db, actor) : [],
		concerns: concerns && { total: concerns.total, items: concerns.items.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) },
		// A care provider's own requests: open, offers waiting, consents ending within 30 days (null for anyone else).
		care: await careProviderHome(ctx.db, actor, now),
		welcome: event.url.searchParams.has('welcome'),
		// Admins see at once when the money no longer adds up (the hourly ledger check).
		ledgerCheck: actor.staff.some((s) => isAdminOf(actor, s.corporationId)) ? await getLatestLedgerCheck(ctx.db) : null
	};
});
