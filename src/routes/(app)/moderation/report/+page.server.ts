import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { formFields, pageLoad } from '$lib/server/web/input';
import { resolveModerationTarget, withDone } from '$lib/server/web/moderation-targets';
import { canReport, hideAfter, reportContent } from '$lib/server/moderation';
import { DomainError } from '$lib/server/shared/errors';

/** The report form for one piece of content: what it is, a reason from the list, words of one's own. Works without JavaScript. */
const address = (event: Pick<RequestEvent, 'url'>) => ({ kind: event.url.searchParams.get('kind'), buurt: event.url.searchParams.get('buurt'), id: event.url.searchParams.get('id') });

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { db } = event.locals.ctx;
	const target = await resolveModerationTarget(db, actor, address(event));
	// The author and staff do not report (403, shown as 404 like every refused page).
	if (!canReport(actor, target)) throw new DomainError('moderation.forbidden');
	// The form posts to this address with its query (kind, buurt, id) and the action name.
	const query = new URLSearchParams({ kind: target.kind, buurt: target.buurtId, id: target.id }).toString();
	return { kind: target.kind, text: target.text, back: target.path, hideAfter: await hideAfter(db, target.buurtId), action: `?${query}&/report` };
});

export const actions: Actions = {
	report: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			const target = await resolveModerationTarget(event.locals.ctx.db, actor, address(event));
			const r = await reportContent(event.locals.ctx, actor, target, formFields(data, ['reason', 'note']));
			redirect(303, withDone(target.path, r.hidden ? 'reported_hidden' : 'reported'));
		})
};
