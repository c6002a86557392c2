import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listMyConsents, withdrawMyConsent } from '$lib/server/personal-data';
import { canDeleteOwnAccount } from '$lib/server/privacy';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	return { consents: await listMyConsents(event.locals.ctx, actor), canDelete: canDeleteOwnAccount(actor) };
});

export const actions: Actions = {
	withdraw: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			await withdrawMyConsent(event.locals.ctx, actor, { consentId: data.get('consentId') });
			return { withdrawn: true };
		})
};
