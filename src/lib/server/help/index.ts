/**
 * Superbuurt (module help): ask, check, help, confirm. Routes and other modules use what is
 * exported here. The money side (reward schemes, top-ups, wallet, buurtpot overview) is in
 * ../buurtpot/funding.ts.
 */
export * from './model';
export { transitions, helpActions, personActions, helpRoles, decide, type HelpAction, type HelpRole, type Transition } from './state-machine';
export * from './policy';
export { askHelpRequest, askHelpRequestOnBehalf, askHelpRequestSchema, askOnBehalfSchema } from './ask-help-request';
export { publishHelpRequest, returnHelpRequest, redirectHelpRequest, rejectHelpRequest, publishHelpRequestSchema, checkDecisionSchema, redirectHelpRequestSchema } from './check-help-request';
export { resubmitHelpRequest, cancelHelpRequest, confirmHelpRequest, disputeHelpRequest } from './asker-actions';
export { takeHelpRequest, releaseHelpRequest, markHelpRequestDone } from './helper-actions';
export { settleHelpRequest } from './settle-help-request';
export { postHelpMessage, shareMyAddress } from './thread';
export { signUpAsSupervisor, appointSupervisor, endSupervisorTerm, updateHelpSettings, getSupervisionStatus, listSupervisionForStaff } from './supervisors';
export { getHelpSettings, defaultHelpSettings, type HelpSettings } from './settings';
export * from './queries';
export { helpJobs, autoConfirmDueRequests, flagWaitingRequests } from './jobs';
export type { TransitionResult } from './engine';
