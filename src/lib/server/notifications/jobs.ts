import type { JobDefinition } from '../shared/boss';
import { sendDigests, sendInstantMails } from './send';

/** The notification module's jobs (listed in jobs/registry.ts). Crons are UTC. */
export const notificationJobs: JobDefinition[] = [
	{
		name: 'notifications.send_instant',
		cron: '* * * * *',
		async handler(ctx) {
			await sendInstantMails(ctx);
		}
	},
	{
		// 07:00 UTC is 08:00 (winter) or 09:00 (summer) in the Netherlands.
		name: 'notifications.send_digests',
		cron: '0 7 * * *',
		async handler(ctx) {
			await sendDigests(ctx);
		}
	}
];
