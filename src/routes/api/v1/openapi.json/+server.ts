import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openApiDocument } from '$lib/server/api/openapi';

export const GET: RequestHandler = ({ url }) => json(openApiDocument(url.origin));
