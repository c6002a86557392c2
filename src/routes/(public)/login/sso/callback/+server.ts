import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { finishSsoLogin } from '$lib/server/sso';
import { isDomainError } from '$lib/server/shared/errors';
import { setSessionCookie } from '$lib/server/web/session-cookie';

/**
 * The provider sends the browser back here. A refused sign-in goes to the SSO page with the
 * reason (never a 500, never a session); an accepted one gets a session cookie and goes on.
 */
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	let next: string;
	try {
		const r = await finishSsoLogin(locals.ctx, url, `${locals.ctx.publicUrl}/login/sso/callback`);
		setSessionCookie(cookies, r.token, r.expires);
		next = r.next;
	} catch (err) {
		if (!isDomainError(err)) throw err;
		redirect(303, `/login/sso?problem=${encodeURIComponent(err.code)}`);
	}
	redirect(303, next);
};
