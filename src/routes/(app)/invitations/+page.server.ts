import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, runForm, str } from '$lib/server/web/forms';
import { answerMembershipInvitation, listMyMembershipInvitations } from '$lib/server/people';
import { doneParam } from '$lib/server/web/input';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const invitations = await listMyMembershipInvitations(event.locals.ctx.db, actor);
	return { invitations: invitations.map((i) => ({ ...i, invitedAt: i.invitedAt.toISOString() })), done: doneParam(event.url, ['accepted', 'declined']) };
};

export const actions: Actions = {
	answer: (event) =>
		runForm(event, async (data) => {
			const r = await answerMembershipInvitation(event.locals.ctx, requireActor(event), { invitationId: str(data, 'invitationId'), accept: str(data, 'accept') });
			redirect(303, `/invitations?done=${r.accepted ? 'accepted' : 'declined'}`);
		})
};
