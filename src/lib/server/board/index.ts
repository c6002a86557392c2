/**
 * The neighbourhood board (module board): news from the corporation, posts of members with
 * photos, replies and groups, per buurt. Other modules and the routes use only what is exported here.
 */
export * from './model';
export * from './policy';
export * from './create-post';
export * from './edit-post';
export * from './replies';
export * from './groups';
export * from './queries';
export * from './presenters';
export { boardModerationTarget, boardTargetSchema } from './moderation-target';
export { seedBoardDemo, seedReportedBoardPost } from './demo';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export * from './privacy';
