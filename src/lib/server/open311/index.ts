/**
 * Open311 GeoReport v2 (module open311), a layer above reports: discovery, services and their
 * definitions, POST/GET requests, tokens, the specification's errors, in JSON and XML; API keys
 * per partner organisation (stored hashed); and the extensions for the organisation that
 * handles reports (its routed reports in GET requests, POST requests/{id}/updates). Routes and
 * other modules use only what is exported here.
 */
export { handleOpen311, type Open311Call, type Open311Answer } from './handle';
export { issueOpen311Key, revokeOpen311Key, listOpen311Keys, keyHolder, hashKey, issueKeySchema, revokeKeySchema, listKeysSchema, type KeyRow, type KeyHolder } from './keys';
export { readParams, type Params } from './params';
export { statusOf, MAX_REQUESTS, MAX_WINDOW_DAYS, SPECIFICATION, type Format } from './model';
export { presentKey, w3c } from './presenters';
export { escapeXml, xmlDocument } from './xml';
export { seedOpen311Demo, DEMO_OPEN311_KEY } from './demo';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
