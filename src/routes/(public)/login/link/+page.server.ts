import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { loginWithLink } from '$lib/server/auth';
import { runForm, str } from '$lib/server/web/forms';
import { setSessionCookie } from '$lib/server/web/session-cookie';

// The link shows a button instead of logging in on GET: mail scanners that open links must
// not use up the one-time token.
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const r = await loginWithLink(event.locals.ctx, { token: str(data, 'token') ?? '' });
			setSessionCookie(event.cookies, r.token, r.expires);
			redirect(303, '/home');
		})
};
