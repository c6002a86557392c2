/**
 * Buurtpot proposals (module proposals): propose, support per household, feasibility check,
 * comments, follow-up (updates, report), payouts with receipts, uploads. Other modules and the
 * routes use only what is exported here.
 */
export * from './model';
export * from './policy';
export * from './list-proposals';
export * from './create-proposal';
export * from './similarity';
export * from './edit-proposal';
export * from './mark-for-round';
export * from './settings';
export { loadProposal } from './store';
export * from './support-proposal';
export * from './answer-feasibility';
export * from './comments';
export { proposalModerationTarget, proposalTargetSchema } from './moderation-target';
export * from './follow-up';
export * from './pay-proposal';
export * from './uploads';
export * from './queries';
export * from './presenters';
export * from './jobs';
export * from './buurt-settings';
export { unitsInBuurt, getBuurtpotSettings, type BuurtpotSettings } from './store';
/** Building blocks for the modules that extend a proposal (activities, rounds). */
export { visibleProposal, recordProposalHistory, ensureSettingsRow } from './store';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export * from './demo';
export * from './payout-links';
export * from './privacy';
