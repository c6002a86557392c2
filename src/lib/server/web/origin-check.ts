/**
 * The browser Origin check (CSRF), done in hooks.server.ts instead of SvelteKit's built-in one
 * (svelte.config.js turns that off), because kit's cannot tell a cookie session from a bearer
 * token and refused every multipart upload from an API client.
 *
 * The rule is kit's, with one exception: a POST, PUT, PATCH or DELETE with a content type a
 * plain HTML form can send (urlencoded, multipart, text/plain, and kit's own) must carry an
 * Origin header equal to the app's origin — except when it carries `Authorization: Bearer …`.
 * Such a request is never authenticated by the cookie (sessionToken below takes the bearer token
 * or nothing), and a browser cannot add that header to a cross-site request without a CORS
 * preflight, which this app never grants. So the cookie, the one thing a forged form post could
 * borrow, plays no part in it.
 */

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The token of an `Authorization: Bearer …` header: '' when the header is there but empty, null without one. */
export function bearerToken(request: Request): string | null {
	const auth = request.headers.get('authorization');
	return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
}

/** The session token of a request: a bearer header wins (an empty one means none); otherwise the cookie. */
export function sessionToken(request: Request, cookie: string | undefined): string | null {
	const bearer = bearerToken(request);
	if (bearer !== null) return bearer || null;
	return cookie ?? null;
}

const isFormContentType = (request: Request) => {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
};

/**
 * Whether the request must be refused as a cross-site form post: a form content type, an
 * unsafe method, an Origin that is not exactly the app's (missing, "null", another host, port
 * or scheme), and no bearer token — outside /open311/, which takes no cookie.
 */
export function refusedAsCrossSite(request: Request, appOrigin: string): boolean {
	// Open311 (GeoReport v2) clients post forms from servers, without an Origin; that API never
	// reads the cookie (routes/open311 authenticates by its api_key alone), so nothing to forge.
	if (new URL(request.url).pathname.startsWith('/open311/')) return false;
	if (!UNSAFE_METHODS.includes(request.method.toUpperCase()) || !isFormContentType(request)) return false;
	if (request.headers.get('origin') === appOrigin) return false;
	return bearerToken(request) === null;
}

/** The answer to a refused post: what SvelteKit answered (403, plain text or `{ message }` JSON). */
export function crossSiteRefusal(request: Request): Response {
	const message = `Cross-site ${request.method.toUpperCase()} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json') return Response.json({ message }, { status: 403 });
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
}
