import type { JobDefinition } from '../shared/boss';
import { closeDueRounds } from './results';

/** The rounds module's background jobs, listed by the job registry (../job-registry.ts). */
export const roundJobs: JobDefinition[] = [{ name: 'buurtpot.close_rounds', cron: '*/5 * * * *', handler: async (ctx) => void (await closeDueRounds(ctx)) }];
