import type { JobDefinition } from '../shared/boss';
import { endExpiredConsents } from './end-care-request';

/**
 * The consent job: hourly, closes the requests whose consent ran out (reads hide them from that
 * day already) and deletes threads 90 days after their request closed. Idempotent.
 */
export const careJobs: JobDefinition[] = [
	{
		name: 'care.consent',
		cron: '23 * * * *',
		async handler(ctx) {
			const result = await endExpiredConsents(ctx);
			if (result.closed || result.threadsDeleted) ctx.log.info(result, 'care consents ended');
		}
	}
];
