/**
 * Buurtpot rounds (module rounds): staff open a round, households vote secretly (online or on
 * paper), the close counts once with the counting module and stores the result; Pabulib export
 * and test imports. Other modules and the routes use only what is exported here.
 */
export * from './model';
export * from './policy';
export * from './rounds';
export * from './ballots';
export * from './to-vote';
export * from './results';
export * from './close-early';
export * from './pabulib-io';
export * from './presenters';
export * from './jobs';
export * from './demo';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
