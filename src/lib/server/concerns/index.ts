/**
 * Concern signals (module concerns): a member, a supplier's worker or staff raises a worry about
 * a household; only the corporation's social team reads it (every read audited), triages it, and
 * the retention job deletes it after the corporation's period unless a case was opened.
 */
export * from './model';
export * from './policy';
export { concernPlaces, chosenUnit, type UnitChoice, type ComplexChoice } from './places';
export { raiseConcern, raiseConcernSchema, type RaisedConcern } from './raise-concern';
export { triageConcern, triageConcernSchema } from './triage-concern';
export * from './queries';
export { getConcernSettings, saveConcernSettings, saveConcernSettingsSchema, type ConcernSettings } from './settings';
export { concernJobs, applyConcernRetention, applyConcernRetentionIn, type RetentionRun } from './jobs';
export { seedConcernsDemo } from './demo';
export { concernsPersonalData, concernRetention } from './privacy';
