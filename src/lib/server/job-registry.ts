import type { JobDefinition } from './shared/boss';
import { pruneRateLimits, pruneSessions } from './auth';
import { notificationJobs } from './notifications';
import { ledgerJobs } from './ledger';
import { helpJobs } from './help';
import { roundJobs } from './rounds';
import { proposalJobs } from './proposals';
import { reportJobs } from './reports';
import { webhookJobs } from './webhooks';
import { concernJobs } from './concerns';
import { privacyJobs } from './personal-data';
import { dashboardJobs } from './dashboard';
import { careJobs } from './care';
import { adviceJobs, voiceJobs } from './voice';

/**
 * Every background job, by name: the registry sits above every module (beside runtime.ts), so
 * a module exports its jobs (`<module>/jobs.ts`) and never imports this file back.
 */
export const jobs: JobDefinition[] = [
	{
		name: 'housekeeping.prune',
		cron: '17 * * * *',
		async handler(ctx) {
			const now = ctx.clock();
			await pruneRateLimits(ctx.db, now);
			await pruneSessions(ctx.db, now);
		}
	},
	...ledgerJobs,
	...notificationJobs,
	...helpJobs,
	...roundJobs,
	...proposalJobs,
	...reportJobs,
	...webhookJobs,
	...concernJobs,
	...privacyJobs,
	...dashboardJobs,
	...careJobs,
	...voiceJobs,
	...adviceJobs
];
