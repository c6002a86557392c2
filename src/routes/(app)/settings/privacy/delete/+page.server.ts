import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { clearSessionCookie } from '$lib/server/web/session-cookie';
import { deleteMyAccount } from '$lib/server/personal-data';
import { canDeleteOwnAccount } from '$lib/server/privacy';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	return { canDelete: canDeleteOwnAccount(actor) };
});

export const actions: Actions = {
	delete: (event) =>
		runForm(event, async (data) => {
			await deleteMyAccount(event.locals.ctx, requireActor(event), { confirm: data.get('confirm') ?? undefined });
			// Every session ended with the account; the cookie goes too.
			clearSessionCookie(event.cookies);
			redirect(303, '/account-deleted');
		})
};
