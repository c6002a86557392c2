import type { JobDefinition } from './shared/boss';
import { pruneRateLimits } from './auth';
import { notificationJobs } from './notifications';
import { helpJobs } from './help';
import { roundJobs } from './rounds';
import { proposalJobs } from './proposals';

/** Every background job, by name. Modules add theirs here. */
export const jobs: JobDefinition[] = [
	{
		name: 'housekeeping.prune',
		cron: '17 * * * *',
		async handler(ctx) {
			const now = ctx.clock();
			await pruneRateLimits(ctx.db, now);
			await ctx.db.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
			await ctx.db.query('DELETE FROM one_time_tokens WHERE expires_at < $1', [new Date(now.getTime() - 7 * 24 * 3600 * 1000)]);
		}
	},
	...notificationJobs,
	...helpJobs,
	...roundJobs,
	...proposalJobs
];
