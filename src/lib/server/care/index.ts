/**
 * The care bridge (module care): care organisations ask the neighbourhood for support for a
 * client with the client's consent; only vetted helpers of the buurt see it; completed sessions
 * count as Superbuurt zorg help (rewards through help's reward path). Routes and other modules
 * use only what is exported here.
 */
export * from './model';
export * from './policy';
export { passesElevenTest, findBsn, findBirthDate, sensitiveTextProblem } from './sensitive-text';
export { createCareRequest, createCareRequestSchema, type CreatedCareRequest } from './create-care-request';
export { offerHelp, acceptOffer, offerHelpSchema, acceptOfferSchema } from './offers';
export { postCareMessage, postCareMessageSchema } from './thread';
export { logCareSession, logCareSessionSchema } from './sessions';
export { withdrawCareRequest, withdrawCareRequestSchema, endExpiredConsents } from './end-care-request';
export { recordHelperCheck, endHelperCheck, listHelperChecks, recordHelperCheckSchema, endHelperCheckSchema, type HelperCheck } from './vetting';
export { listCareOrganisations, setCareCoordinator, issueCareToken, revokeCareToken, careTokenActor, insertCareToken, type CareOrganisation } from './organisations';
export * from './queries';
export * from './presenters';
export { careJobs } from './jobs';
export { seedCareDemo, demoCareToken } from './demo';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export { careFormPlaces, type CareFormPlaces } from './form-places';
export { carePersonalData } from './privacy';
