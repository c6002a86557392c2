/**
 * Stem van de buurt (module voice): surveys (anonymous, k ≥ 5), "jij zei, wij deden" actions with
 * the inputs behind them — conversations with consent and themed quotes, personas with their
 * evidence, and advice requests to the tenants' association with the reasoned reply. Files are named by concept (survey-*, surveys-*, action*-, …). Other modules
 * and the routes use only what is exported here.
 */
export * from './survey-model';
export * from './survey-policy';
export { listAreaOptions, areaValue, type AreaOption } from './survey-area';
export { templates, type Template, type TemplateQuestion } from './survey-templates';
export * from './surveys-manage';
export * from './survey-answers';
export * from './survey-close';
export * from './survey-invitations';
export * from './survey-results';
export * from './survey-trend';
export * from './survey-review';
export * from './surveys-queries';
export * from './actions-model';
export * from './actions';
export * from './actions-queries';
export * from './actions-prefill';
export { inputKindDefs, type InputKindDef, type InputRef } from './action-input-kinds';
export * from './surveys-presenters';
export { voiceJobs } from './jobs';
export { seedVoiceDemo } from './demo';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export * from './listen-model';
export * from './listen-policy';
export { listAreas, resolveArea, type AreaOption as ListenAreaOption } from './listen-area';
export * from './themes';
export * from './conversations';
export * from './personas';
export * from './persona-evidence';
export { platformCounts, type PlatformCount } from './platform-counts';
export { sendAdviceRequest, sendAdviceSchema, defaultDeadline, listAssociations, adviceTargetSchema } from './advice-requests';
export * from './advice-answers';
export { documentsFromForm, getAdviceDocument, prepareDocuments, type IncomingDocument } from './advice-documents';
export * from './advice-queries';
export { adviceJobs, flagOverdueAdvice } from './advice-jobs';
export { seedListenDemo } from './listen-demo';
export { presentAdvice, presentAdviceSummary } from './advice-presenters';
/** This part's share of the OpenAPI document (api/openapi.ts assembles them). */
export * as listenOpenapi from './listen-openapi';
// Both halves of the module name a few things alike: the surveys' meaning is the door's, the
// listening half's is exported under a name of its own.
export { areaKinds, checkbox, type AreaKind, type Theme } from './survey-model';
export { canAnswer } from './survey-policy';
export { areaKinds as listenAreaKinds, type AreaKind as ListenAreaKind } from './listen-model';
export { canAnswer as canAnswerAdvice } from './listen-policy';
export type { Theme as ListenTheme } from './themes';
export { voicePersonalData, conversationNotesRetention } from './privacy';
