import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { concernOutcomes, getConcern, referralTargets, triageConcern } from '$lib/server/concerns';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** One concern for the social team (the read is audited) and the triage form; 404 for anyone else. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const d = await getConcern(event.locals.ctx, actor, { concernId: event.params.id });
	return {
		concern: {
			...d,
			createdAt: iso(d.createdAt)!,
			triagedAt: iso(d.triagedAt),
			outcomeAt: iso(d.outcomeAt),
			referrals: d.referrals.map((f) => ({ ...f, decidedAt: iso(f.decidedAt)! }))
		},
		outcomes: [...concernOutcomes],
		targets: [...referralTargets],
		done: doneParam(event.url, ['triaged'])
	};
});

export const actions: Actions = {
	triage: (event) =>
		runForm(event, async (data) => {
			const input = { concernId: event.params.id, ...formFields(data, ['outcome', 'note', 'referralTarget', 'organisationId', 'referralReason']) };
			await triageConcern(event.locals.ctx, requireActor(event), input);
			redirect(303, `/staff/concerns/${event.params.id}?done=triaged`);
		})
};
