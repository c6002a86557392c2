/**
 * Moderation (module moderation): house rules per corporation, reports of content by neighbours,
 * hide after N reporting households, review by buurtambassadeurs and staff, warnings and
 * suspensions, and each member's own moderation history. The content modules (board, proposals,
 * help) call its seams (content-hooks.ts, checkMayPost); routes and other modules use only what
 * is exported here.
 */
export * from './model';
export * from './policy';
export { reportContent, reportContentSchema, householdOf, type ReportResult } from './report-content';
export { reviewItem, reviewItemSchema } from './review-item';
export { checkMayPost, suspendedUntil, sanctionAuthor, sanctionSchema, liftSuspension, liftSuspensionSchema } from './sanctions';
export { houseRulesOf, rulesForForm, saveHouseRules, saveHouseRulesSchema, setHideAfter, setHideAfterSchema, hideAfter, type HouseRules } from './house-rules';
export { moderationColumn, shownModeration, contentEdited, contentDeleted, type RawModeration } from './content-hooks';
export * from './queries';
export { historyPath, reviewPath } from './notices';
export { seedModerationDemo } from './demo';
export * from './presenters';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export { moderationPersonalData } from './privacy';
