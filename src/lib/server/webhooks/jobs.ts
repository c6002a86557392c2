import type { JobDefinition } from '../shared/boss';
import { deliverWebhook, dispatchWebhookDeliveries, pruneWebhookEvents } from './deliver';
import { DELIVER_JOB, DISPATCH_JOB } from './model';

/** The webhooks module's background jobs, listed by the job registry (../job-registry.ts). Crons are UTC. */
export const webhookJobs: JobDefinition[] = [
	{
		name: DISPATCH_JOB,
		cron: '* * * * *',
		handler: async (ctx, _data, send) => {
			if (!send) throw new Error('webhooks.dispatch runs in the job worker, which passes send');
			await dispatchWebhookDeliveries(ctx, send);
		}
	},
	{
		name: DELIVER_JOB,
		handler: async (ctx, data) => {
			if (typeof data.deliveryId === 'string') await deliverWebhook(ctx, data.deliveryId);
		}
	},
	{ name: 'webhooks.prune', cron: '53 3 * * *', handler: async (ctx) => void (await pruneWebhookEvents(ctx)) }
];
