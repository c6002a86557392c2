import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { personaOf, homeOverviewPart, isAdminOf, firstName, consultantCardsPart } from '$lib/server/people';
import { latestLedgerCheckPart } from '$lib/server/ledger';
import { known, readTogether } from '$lib/server/db/parts';
import { pageLoad } from '$lib/server/web/input';
import { waitingExtras, waitingFrom, waitingParts } from './waiting.server';
import { concernsForHome } from '$lib/server/concerns';
import { careProviderHome } from '$lib/server/care';

// Who is acting came in one query (hooks.server.ts); everything this page shows comes in one more:
// each module's read is a part of the same statement (db/parts.ts; tests/http/query-count.test.ts).
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const { overview, consultants, ledgerCheck, ...waiting } = await readTogether(ctx.db, {
		overview: homeOverviewPart(actor, now),
		// The wijkconsulent of their buurt, as a person (members only; what the card shows is theirs to choose).
		consultants: consultantCardsPart(actor.memberBuurtIds),
		// Admins see at once when the money no longer adds up (the hourly ledger check).
		ledgerCheck: actor.staff.some((s) => isAdminOf(actor, s.corporationId)) ? latestLedgerCheckPart() : known(null),
		// What waits for this person, first on their home (each list through its module's door).
		...waitingParts(actor, now)
	});
	// Reads of the modules that are not parts yet (each its own query, counted in tests/http/query-count.test.ts):
	// the social team's untriaged concerns (audited), a care provider's requests, surveys and advice requests.
	const concerns = await concernsForHome(ctx, actor);
	const care = await careProviderHome(ctx.db, actor, now);
	const extras = await waitingExtras(ctx.db, actor, now);
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
		overview,
		waiting: waitingFrom(actor, waiting, extras),
		consultants,
		concerns: concerns && { total: concerns.total, items: concerns.items.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) },
		// A care provider's own requests: open, offers waiting, consents ending within 30 days (null for anyone else).
		care,
		welcome: event.url.searchParams.has('welcome'),
		ledgerCheck
	};
});
