/** The voice module's part of the OpenAPI document: each concept's paths and schemas, put together. */
import * as surveys from './surveys-openapi';

export const schemas: Record<string, unknown> = { ...surveys.schemas };
export const paths: Record<string, unknown> = { ...surveys.paths };
