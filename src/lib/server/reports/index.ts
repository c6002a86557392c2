/**
 * Meldingen (module reports): what the corporation, a supplier or the municipality must do —
 * categories with questions, routing, working-day targets, one state machine with an
 * append-only history, followers, satisfaction, the buurt's figures, retention, and the link
 * from help's redirected requests. Routes and other modules use only what is exported here.
 */
export * from './model';
export { transitions, reportActions, transitionActions, reportRoles, decide, replay, type ReportAction, type ReportRole, type TransitionAction, type Transition } from './state-machine';
export * from './policy';
export { addWorkingDays, dueDateFor, dutchDate, isWorkingDay, isPublicHoliday, workingDaysBetween } from './working-days';
export { checkAnswers, type Answer } from './answers';
export { defaultCategories, ensureDefaultCategories, createCategory, updateCategory, saveQuestion, createCategorySchema, updateCategorySchema, saveQuestionSchema } from './categories';
export { route, saveRoutingRules, saveRoutingRulesSchema, listRoutingRules, presentRule, presentParty, type RuleRow } from './routing';
export { locationSchema, type LocationInput } from './location';
export { createReport, createReportSchema } from './create-report';
export { editReport, withdrawReport, reopenReport, answerSatisfaction, editReportSchema, withdrawReportSchema, reopenReportSchema, answerSatisfactionSchema } from './reporter-actions';
export { acknowledgeReport, startReport, resolveReport, rejectReport, forwardReport, recordReply, mergeReport, assignReports, startReportSchema, forwardReportSchema, mergeReportSchema, assignReportsSchema } from './handle-report';
export { findDuplicates, followReport, unfollowReport, findDuplicatesSchema, followReportSchema, type Duplicate } from './follow';
export { listMyReports, listBuurtReports, listStaffQueue, listWorkOrders, getReportDetail, listCategories, reportForHelpRequest, queueSchema, type ReportView, type ReportDetail, type HistoryView, type CategoryTree } from './queries';
export { reportFormPlaces, type ReportFormPlaces } from './report-form';
export { getBuurtPerformance, buurtPerformanceSchema, type BuurtPerformance, type Figure } from './performance';
export { saveReportSettings, saveTeam, retentionMonthsOf, saveReportSettingsSchema, saveTeamSchema } from './settings';
export { reportFromRedirectedRequest, linkRedirectedRequests } from './from-help';
export { attachReportPhoto, getReportPhoto, MAX_REPORT_PHOTOS, type PreparedPhoto, type StoredReportPhoto } from './photos';
export { closeWorkOrder, closeWorkOrderSchema, MAX_WORK_ORDER_PHOTOS } from './work-orders';
export { listHandlingOptions, type HandlingOptions } from './options';
export { reportJobs, flagOverdueReports, anonymiseClosedReports } from './jobs';
export type { TransitionResult } from './engine';
export * from './presenters';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export { seedReportsDemo } from './demo';
export { createExternalReport, createExternalReportSchema, listExternalCategories, type ExternalReportInput } from './external-report';
export { listReportFeed, type FeedFilter, type FeedItem } from './feed';
export { workOrderPlaces } from './work-order-units';
export * from './privacy';
