/**
 * The neighbourhood dashboard (module dashboard): figures per corporation, gemeente, wijk, buurt
 * and complex, per month and per year, from read models the jobs refresh (never live scans on a
 * page view), with small numbers shown as "<5" everywhere. Routes and the API use only this door.
 */
export * from './model';
export { suppress, isPrimary, revealedBySubtraction, type Relation, type SuppressionCell } from './suppress';
export { type Area } from './areas';
export { refreshAllDashboards, refreshDirtyBuurten, refreshCurrentPeriods, refreshPeriods, relationsOf, areasFedBy } from './refresh';
export { getDashboard, dashboardSchema, exportFigures, exportSchema, exportMetrics, choosablePeriods, type DashboardView, type Figure, type ExportRow, type RoundFigures } from './queries';
export { toCsv, toGeoJson, exportValue, geoLevels } from './export';
export { canSeeArea, hasDashboard } from './policy';
export * from './presenters';
export { dashboardJobs } from './jobs';
export { seedDashboardDemo } from './demo';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
