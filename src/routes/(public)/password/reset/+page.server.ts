import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { resetPassword } from '$lib/server/auth';
import { runForm, str } from '$lib/server/web/forms';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			await resetPassword(event.locals.ctx, { token: str(data, 'token'), password: str(data, 'password') });
			redirect(303, '/login?reset=1');
		})
};
