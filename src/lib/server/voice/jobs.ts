import type { JobDefinition } from '../shared/boss';
import { closeDueSurveys } from './survey-close';

/** The voice module's background jobs, listed by the job registry (../job-registry.ts). */
export const voiceJobs: JobDefinition[] = [
	// Surveys close at the end of their last day: answers anonymised, secret deleted (survey-close.ts).
	{ name: 'voice.close_surveys', cron: '*/5 * * * *', handler: async (ctx) => void (await closeDueSurveys(ctx)) }
];
