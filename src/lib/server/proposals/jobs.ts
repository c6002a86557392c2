import type { JobDefinition } from '../shared/boss';
import { expireSupportPhases } from './support-proposal';

/** The proposals module's background jobs, listed by the job registry (../job-registry.ts). */
export const proposalJobs: JobDefinition[] = [
	{
		name: 'buurtpot.expire_support',
		cron: '7 * * * *',
		async handler(ctx) {
			await expireSupportPhases(ctx);
		}
	}
];
