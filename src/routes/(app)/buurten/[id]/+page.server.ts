import { error } from '@sveltejs/kit';
import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { getBuurt } from '$lib/server/places';
import { canAsk, canAskOnBehalf, listHelpBuurten } from '$lib/server/help';
import { canViewBuurtProposals } from '$lib/server/proposals';
import { mayPrintPoster } from '$lib/server/posters';
import { canReadBuurtFigures } from '$lib/server/reports';
import { seesBoard } from '$lib/server/board';
import { readsPublishedAdvice, seesBuurtActions } from '$lib/server/voice';
import { DomainError } from '$lib/server/shared/errors';
import { pageLoad } from '$lib/server/web/input';
import { isAmbassadorOf } from '$lib/server/moderation';
import { isStaffOf } from '$lib/server/people';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { db } = event.locals.ctx;
	let buurt;
	try {
		buurt = await getBuurt(db, actor, event.params.id);
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
	const facts = { buurt_id: buurt.id, corporation_id: buurt.corporation_id };
	// Only links this person can use: partners (care, gemeente, supplier) are no member, so
	// asking, the requests list and the buurtpot (pot, proposals, rounds) are not theirs to open.
	return {
		buurt,
		links: {
			requests: (await listHelpBuurten(db, actor)).some((b) => b.id === buurt.id),
			ask: canAsk(actor, buurt.id),
			askOnBehalf: !canAsk(actor, buurt.id) && canAskOnBehalf(actor, { id: buurt.id, corporation_id: buurt.corporation_id }),
			buurtpot: canViewBuurtProposals(actor, facts),
			poster: mayPrintPoster(actor, { id: buurt.id, corporation_id: buurt.corporation_id }),
			// The buurt's public meldingen and the corporation's figures: members and staff.
			reports: canReadBuurtFigures(actor, { id: buurt.id, corporation_id: buurt.corporation_id }),
			board: seesBoard(actor, { id: buurt.id, corporation_id: buurt.corporation_id }),
			// The review queue of what neighbours reported: the buurt's ambassadors and staff of its corporation.
			moderation: isAmbassadorOf(actor, buurt.id) || isStaffOf(actor, buurt.corporation_id),
			// "Jij zei, wij deden": members, staff and the linked tenants' association.
			saidDid: seesBuurtActions(actor, { id: buurt.id, corporation_id: buurt.corporation_id }),
			// The corporation's replies to the tenants' association's advice that the association let the buurt see.
			advice: readsPublishedAdvice(actor, { id: buurt.id, corporation_id: buurt.corporation_id })
		}
	};
});
