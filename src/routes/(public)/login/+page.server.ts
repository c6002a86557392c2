import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { loginWithPassword, requestLoginLink } from '$lib/server/auth';
import { runForm, safeNext, str } from '$lib/server/web/forms';
import { setSessionCookie } from '$lib/server/web/session-cookie';
import { listSsoCorporations } from '$lib/server/sso';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.actor) redirect(303, safeNext(url.searchParams.get('next')));
	// Staff of a corporation with its own sign-in get a way there (members never need it).
	return { next: safeNext(url.searchParams.get('next')), sso: (await listSsoCorporations(locals.ctx.db)).length > 0 };
};

export const actions: Actions = {
	password: (event) =>
		runForm(event, async (data) => {
			const r = await loginWithPassword(event.locals.ctx, { email: str(data, 'email'), password: str(data, 'password'), client: event.getClientAddress() });
			setSessionCookie(event.cookies, r.token, r.expires);
			redirect(303, safeNext(str(data, 'next') ?? null));
		}),
	link: (event) =>
		runForm(event, async (data) => {
			await requestLoginLink(event.locals.ctx, { email: str(data, 'email'), client: event.getClientAddress() });
			return { linkSent: true, values: { email: str(data, 'email') ?? '' } };
		})
};
