/**
 * Superbuurt (module help): ask, check, help, confirm, and what a completed request earns for
 * the buurtpot (rewards.ts) and for whom (wallet.ts). Routes and other modules use only what is
 * exported here.
 */
export * from './model';
export { transitions, helpActions, personActions, helpRoles, decide, type HelpAction, type HelpRole, type Transition } from './state-machine';
export * from './policy';
export { askHelpRequest, askHelpRequestOnBehalf, askHelpRequestSchema, askOnBehalfSchema } from './ask-help-request';
export { publishHelpRequest, returnHelpRequest, redirectHelpRequest, rejectHelpRequest, publishHelpRequestSchema, checkDecisionSchema, redirectHelpRequestSchema } from './check-help-request';
export { resubmitHelpRequest, cancelHelpRequest, confirmHelpRequest, disputeHelpRequest } from './asker-actions';
export { takeHelpRequest, releaseHelpRequest, markHelpRequestDone } from './helper-actions';
export { settleHelpRequest } from './settle-help-request';
export { postHelpMessage, shareMyAddress, postHelpMessageSchema, shareAddressSchema } from './thread';
export { helpModerationTarget, helpTargetSchema } from './moderation-target';
export { signUpAsSupervisor, appointSupervisor, endSupervisorTerm, approveSupervisorTerm, approveSupervisorTermSchema, updateHelpSettings, updateHelpSettingsSchema, getSupervisionStatus, listSupervisionForStaff } from './supervisors';
export { getHelpSettings, defaultHelpSettings, saveHelpSettings, saveRewardAmounts, type HelpSettings, type SettingsChange } from './settings';
export * from './queries';
export { readZorgDetails, readZorgDetailsSchema } from './read-zorg-details';
export { helpJobs, autoConfirmDueRequests, flagWaitingRequests, pruneIdempotencyKeys } from './jobs';
export type { TransitionResult } from './engine';
export { safeTitle, activeSupervisorIds } from './engine';
export * from './rewards';
export * from './wallet';
export * from './presenters';
export { seedHelpDemo } from './demo';
export { helpParticipation, type HelpParticipation } from './participation';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export { assignRedirectedRequest, answerRedirectedRequest, closeRedirectedRequest, getFollowUp, listFollowUps, assignRedirectedSchema, answerRedirectedSchema, closeRedirectedSchema, type FollowUpView, type FollowUpResult } from './follow-up-redirected';
export * from './privacy';
export { recordCareSessionHelp, careSessionRewards, type CareSessionHelp } from './care-sessions';
