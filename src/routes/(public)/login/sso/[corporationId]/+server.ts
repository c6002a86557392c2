import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { startSsoLogin } from '$lib/server/sso';
import { isDomainError } from '$lib/server/shared/errors';
import { safeNext } from '$lib/server/web/forms';

/** Sends a staff member to their corporation's sign-in page (OpenID Connect, authorization code with PKCE). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	let to: URL;
	try {
		to = await startSsoLogin(locals.ctx, { corporationId: params.corporationId, redirectUri: `${locals.ctx.publicUrl}/login/sso/callback`, next: safeNext(url.searchParams.get('next')) });
	} catch (err) {
		if (!isDomainError(err)) throw err;
		if (err.code === 'sso.not_found') error(404, 'not_found');
		redirect(303, `/login/sso?problem=${encodeURIComponent(err.code)}`);
	}
	redirect(303, to.toString());
};
