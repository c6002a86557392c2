import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm, str } from '$lib/server/web/forms';
import { getPreferences, notificationTypes, setPreferences } from '$lib/server/notifications';
import { pageLoad } from '$lib/server/web/input';
import { getShowStreet, setShowStreet } from '$lib/server/people';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const prefs = await getPreferences(event.locals.ctx, actor);
	// Only the types this person can receive; the others keep their defaults.
	return {
		preferences: prefs.filter((p) => p.relevant).map((p) => ({ type: p.type, mode: p.mode, default: p.default })),
		// Only neighbours have a street to show (members of a buurt).
		showStreet: actor.memberBuurtIds.length ? await getShowStreet(event.locals.ctx.db, actor) : null
	};
});

export const actions: Actions = {
	save: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			// Each type is one radio group named after the type; a group not sent keeps its choice.
			const input = Object.fromEntries(notificationTypes.filter((type) => data.has(type)).map((type) => [type, str(data, type)]));
			await setPreferences(event.locals.ctx, actor, input);
			return { saved: true };
		}),
	street: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			const r = await setShowStreet(event.locals.ctx, actor, { showStreet: data.get('showStreet') === 'yes' });
			return { streetSaved: r.showStreet ? 'on' : 'off' };
		})
};
