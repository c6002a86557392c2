import { isActionFailure } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listWebhookEndpoints, registerWebhookEndpoint, webhookEventTypes } from '$lib/server/webhooks';

/** A corporation's admins connect its own systems: endpoints, what each hears, and its secret once. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event, { admin: true });
	return { endpoints: await listWebhookEndpoints(event.locals.ctx.db, actor, corporationId), eventTypes: [...webhookEventTypes] };
});

export const actions: Actions = {
	register: async (event) => {
		// Ticked boxes share one name; a refused form gives them back, so nothing chosen is lost.
		const chosen = (await event.request.clone().formData().catch(() => new FormData())).getAll('eventTypes').map(String);
		const result = await runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event, { admin: true });
			const e = await registerWebhookEndpoint(event.locals.ctx, actor, { corporationId, url: str(data, 'url') ?? '', description: str(data, 'description') ?? '', eventTypes: data.getAll('eventTypes') });
			return { created: { id: e.id, url: e.url, secret: e.secret } };
		});
		if (isActionFailure(result) && result.data) Object.assign(result.data, { chosen });
		return result;
	}
};
