import { randomUUID } from 'node:crypto';
import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { startRuntime, type Runtime } from '$lib/server/runtime';
import { hashToken, sessionCookie } from '$lib/server/auth';
import { countQueries } from '$lib/server/db/query-count';
import { loadSessionActor } from '$lib/server/people';
import { negotiateLocale, translator } from '$lib/i18n';
import { config } from '$lib/server/config';
import { crossSiteRefusal, refusedAsCrossSite, sessionToken } from '$lib/server/web/origin-check';
import { namesReservedAction, pathHasControlCharacters } from '$lib/server/web/input';
import { withImgSources } from '$lib/server/web/map';
import { observeRequest } from '$lib/server/shared/metrics';

let runtime: Runtime | undefined;

export const init: ServerInit = async () => {
	// `vite build` imports this file: never open the database then.
	if (building) return;
	try {
		runtime = await startRuntime({ web: true, worker: config().WORKER === 'true' });
	} catch (err) {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	}
	const stop = async () => {
		await runtime?.stop();
	};
	// adapter-node emits this on SIGINT/SIGTERM after in-flight requests finish.
	process.on('sveltekit:shutdown', stop);
};

const securityHeaders = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(self)',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

// Every request counts its queries; outside production the answer says how many
// (tests/http/query-count.test.ts holds pages to a fixed number whatever the data size).
export const handle: Handle = async (input) => {
	const { result, queries } = await countQueries(async () => handleRequest(input));
	if (!runtime!.config.production) result.headers.set('x-query-count', String(queries));
	return result;
};

const handleRequest: Handle = async ({ event, resolve }) => {
	const rt = runtime!;
	const requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
	const log = rt.ctx.log.child({ requestId });
	event.locals.requestId = requestId;
	event.locals.ctx = { ...rt.ctx, log };
	event.locals.locale = negotiateLocale(event.cookies.get('noaber_lang'), event.request.headers.get('accept-language'));
	event.locals.t = translator(event.locals.locale);

	event.locals.sessionToken = null;
	event.locals.actor = null;
	const started = performance.now();
	let response: Response;
	// CSRF: kit's own check is off (svelte.config.js) because it refused bearer-token uploads too.
	if (refusedAsCrossSite(event.request, event.url.origin)) response = crossSiteRefusal(event.request);
	else if (namesReservedAction(event.request, event.url) || pathHasControlCharacters(event.url)) response = new Response('Not Found', { status: 404 });
	else {
		const token = sessionToken(event.request, event.cookies.get(sessionCookie));
		event.locals.sessionToken = token;
		if (token) {
			// Who is acting, with all their roles: one round trip (people/actor.ts).
			event.locals.actor = await loadSessionActor(rt.ctx.db, hashToken(token), rt.ctx.clock());
		}
		response = await resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale).replace('%dir%', 'ltr')
		});
	}
	for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
	// A page with a map (web/map.ts) may load images from the tile server, and only that page.
	const csp = response.headers.get('content-security-policy');
	if (csp && event.locals.cspImgSrc?.length) response.headers.set('content-security-policy', withImgSources(csp, event.locals.cspImgSrc));
	if (rt.config.production) response.headers.set('Strict-Transport-Security', 'max-age=31536000');
	response.headers.set('x-request-id', requestId);
	if (event.locals.actor) response.headers.set('Cache-Control', 'private, no-store');
	const ms = performance.now() - started;
	observeRequest(event.route.id, event.request.method, response.status, ms / 1000);
	log.debug({ method: event.request.method, path: event.url.pathname, status: response.status, ms: Math.round(ms) }, 'request');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const requestId = event.locals.requestId;
	if (status >= 500) {
		const log = event.locals.ctx?.log;
		if (log) log.error({ err: error, path: event.url.pathname }, 'unhandled error');
		else console.error(error);
	}
	return { message: status === 404 ? 'not_found' : 'server_error', requestId };
};
