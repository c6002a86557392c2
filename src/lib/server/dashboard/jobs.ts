import type { JobDefinition } from '../shared/boss';
import { refreshAllDashboards, refreshCurrentPeriods, refreshDirtyBuurten } from './refresh';

/**
 * The dashboard's read model is kept by jobs only: every minute the buurten marked dirty (their
 * rows and their parents'), every hour this month and year of everyone (stocks and waiting times
 * move with time alone), every night everything kept. Each is idempotent: running twice writes
 * the same figures with a later computed_at.
 */
export const dashboardJobs: JobDefinition[] = [
	{ name: 'dashboard.refresh_dirty', cron: '* * * * *', handler: async (ctx) => void (await refreshDirtyBuurten(ctx.db, ctx.clock)) },
	{ name: 'dashboard.refresh_current', cron: '29 * * * *', handler: async (ctx) => void (await refreshCurrentPeriods(ctx.db, ctx.clock)) },
	{ name: 'dashboard.refresh_all', cron: '41 2 * * *', handler: async (ctx) => void (await refreshAllDashboards(ctx.db, ctx.clock)) }
];
