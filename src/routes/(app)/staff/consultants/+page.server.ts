import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { getMyConsultantCard, listConsultantLinks, saveMyConsultantCard, setBuurtConsultant, saveMyConsultantPhoto, removeMyConsultantPhoto } from '$lib/server/people';
import { filesFromForm } from '$lib/server/photos';
import { pageLoad } from '$lib/server/web/input';

/** Staff keep their own card for the buurt's homes; admins and wijkconsulenten choose each buurt's face. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { db } = event.locals.ctx;
	return {
		card: await getMyConsultantCard(db, actor),
		links: await listConsultantLinks(db, actor),
		// A first card starts with the person's name and login address; they choose what stays.
		suggested: { displayName: actor.name, email: actor.email }
	};
});

const cardFields = ['displayName', 'about', 'officeHours', 'officePlace', 'phone', 'email'] as const;

export const actions: Actions = {
	card: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await saveMyConsultantCard(event.locals.ctx, actor, Object.fromEntries(cardFields.map((f) => [f, str(data, f) ?? ''])));
			return { cardSaved: true };
		}),
	// The photo is its own form (multipart): a failed photo never costs what was typed on the card.
	photo: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await saveMyConsultantPhoto(event.locals.ctx, actor, await filesFromForm(data, 'photo'));
			return { photo: 'saved' as const };
		}),
	removePhoto: (event) =>
		runForm(event, async () => {
			const { actor } = requireStaff(event);
			await removeMyConsultantPhoto(event.locals.ctx, actor);
			return { photo: 'removed' as const };
		}),
	link: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const result = await setBuurtConsultant(event.locals.ctx, actor, { buurtId: str(data, 'buurtId'), accountId: str(data, 'accountId') ?? '' });
			return { linked: result.accountId ? 'linked' : 'unlinked', buurtId: result.buurtId };
		})
};
