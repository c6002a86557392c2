import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { isMemberOf, isStaffOf } from '$lib/server/people';
import { getBuurtpotSettings, listProposals, updateBuurtpotSettings, type ProposalStatus } from '$lib/server/proposals';
import { formFields, orNotFound, pageLoad } from '$lib/server/web/input';
import { findBuurtRef } from '$lib/server/places';

/** Groups of statuses people filter by (the stored status is shown on each proposal). */
const groups: Record<string, ProposalStatus[] | undefined> = {
	all: undefined,
	support: ['support'],
	check: ['feasibility', 'needs_changes'],
	vote: ['accepted', 'in_vote'],
	funded: ['won', 'in_progress', 'done'],
	ended: ['declined', 'withdrawn', 'expired', 'lost']
};

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const group = event.url.searchParams.get('show') ?? 'all';
	const status = groups[group];
	// Filtered on the status people see (a support phase past its deadline counts as expired).
	const proposals = await orNotFound(listProposals(ctx.db, actor, { buurtId: event.params.id }, ctx.clock()));
	const buurt = (await findBuurtRef(ctx.db, event.params.id))!;
	const isStaff = isStaffOf(actor, buurt.corporation_id);
	return {
		buurt: { id: buurt.id, name: buurt.name },
		proposals: status ? proposals.filter((p) => status.includes(p.status)) : proposals,
		group: group in groups ? group : 'all',
		groups: Object.keys(groups),
		canPropose: isMemberOf(actor, buurt.id),
		settings: isStaff ? await getBuurtpotSettings(ctx.db, buurt.id) : null,
		done: event.url.searchParams.get('done') === 'settings' ? 'settings' : null
	};
});

export const actions: Actions = {
	settings: (event) =>
		runForm(event, async (data) => {
			const v = formFields(data, ['supportHouseholds', 'supportDays']);
			await updateBuurtpotSettings(event.locals.ctx, requireActor(event), {
				buurtId: event.params.id,
				supportHouseholds: v.supportHouseholds,
				supportDays: v.supportDays,
				associationChecks: data.get('associationChecks') === 'yes',
				rotateFeedToken: data.get('rotateFeedToken') === 'yes'
			});
			redirect(303, `/buurten/${event.params.id}/proposals?done=settings`);
		})
};
