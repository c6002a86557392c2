import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { handleOpen311, readParams } from '$lib/server/open311';

/**
 * Open311 GeoReport v2 (see README "Open311"): every endpoint under /open311/v2/, dispatched by
 * the module. Authenticated by api_key only — never by the session cookie (so hooks.server.ts
 * lets these form posts through without an Origin). Reads allow any origin (CORS).
 */
async function open311(event: RequestEvent): Promise<Response> {
	const params = await readParams(event.request, event.url);
	const answer = await handleOpen311(event.locals.ctx, {
		method: event.request.method,
		path: event.params.path ?? '',
		params: params ?? {},
		bodyInvalid: params === null,
		idempotencyKey: event.request.headers.get('idempotency-key') ?? undefined,
		baseUrl: event.url.origin
	});
	const headers = new Headers({ 'Content-Type': answer.contentType, ...answer.headers });
	if (event.request.method === 'GET') headers.set('Access-Control-Allow-Origin', '*');
	return new Response(answer.body, { status: answer.status, headers });
}

export const GET: RequestHandler = open311;
export const POST: RequestHandler = open311;
/** Any other method: the specification's error list with 405. */
export const fallback: RequestHandler = open311;
