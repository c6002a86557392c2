import { dashboardExport } from '$lib/server/web/dashboard-export';

/** ?level=buurt&period=2026: every visible area of the level with its figures, as CSV ("<5" where suppressed). */
export const GET = dashboardExport('csv');
