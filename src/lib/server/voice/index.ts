/**
 * Stem van de buurt (module voice). This door holds the listening part: wijkgesprekken with
 * consent and themed quotes, personas with their evidence, and advice requests to the tenants'
 * association with the corporation's reasoned reply. Other modules and the routes use only what
 * is exported here.
 */
export * from './listen-model';
export * from './listen-policy';
export { listAreas, resolveArea, type AreaOption } from './listen-area';
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
