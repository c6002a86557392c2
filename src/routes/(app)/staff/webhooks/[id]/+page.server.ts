import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { disableWebhookEndpoint, getWebhookEndpoint, listWebhookDeliveries, retryWebhookDelivery } from '$lib/server/webhooks';

/** One endpoint: what it hears and its newest deliveries with their status; stop it, or send a failed one again. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event, { admin: true });
	const { db } = event.locals.ctx;
	const endpoint = await getWebhookEndpoint(db, actor, event.params.id);
	return { endpoint, deliveries: await listWebhookDeliveries(db, endpoint.id) };
});

export const actions: Actions = {
	disable: (event) =>
		runForm(event, async () => {
			const { actor } = requireStaff(event, { admin: true });
			await disableWebhookEndpoint(event.locals.ctx, actor, { endpointId: event.params.id });
			return { disabled: true };
		}),
	retry: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event, { admin: true });
			await retryWebhookDelivery(event.locals.ctx, actor, { endpointId: event.params.id, deliveryId: str(data, 'deliveryId') });
			return { retried: true };
		})
};
