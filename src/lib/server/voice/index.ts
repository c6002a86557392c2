/**
 * Stem van de buurt (module voice): surveys (anonymous, k ≥ 5), "jij zei, wij deden" actions with
 * the inputs behind them — and, from the other half of issue 11, conversations, personas and
 * advice requests. Files are named by concept (survey-*, surveys-*, action*-, …). Other modules
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
