import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptInvitation } from '$lib/server/people';
import { runForm, str } from '$lib/server/web/forms';
import { setSessionCookie } from '$lib/server/web/session-cookie';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const r = await acceptInvitation(event.locals.ctx, { token: str(data, 'token'), password: str(data, 'password') });
			setSessionCookie(event.cookies, r.token, r.expires);
			redirect(303, '/home');
		})
};
