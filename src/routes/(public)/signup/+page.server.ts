import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUpWithCode } from '$lib/server/auth';
import { buurtNameByCode } from '$lib/server/places';
import { runForm, str } from '$lib/server/web/forms';
import { setSessionCookie } from '$lib/server/web/session-cookie';

// The stairwell poster's QR code names the buurt (?buurt=<CBS code>): the page welcomes them to it.
export const load: PageServerLoad = async ({ url, locals }) => ({
	code: url.searchParams.get('code') ?? '',
	buurtName: await buurtNameByCode(locals.ctx.db, url.searchParams.get('buurt') ?? '')
});

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const r = await signUpWithCode(event.locals.ctx, {
				code: str(data, 'code'),
				name: str(data, 'name'),
				email: str(data, 'email'),
				password: str(data, 'password'),
				locale: event.locals.locale,
				client: event.getClientAddress()
			});
			setSessionCookie(event.cookies, r.token, r.expires);
			redirect(303, '/home?welcome=1');
		})
};
