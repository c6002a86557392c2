import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { cancelSignUp, listBuurtActivities, signUpForEvent } from '$lib/server/activities';
import { formFields, orNotFound, pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const activities = await orNotFound(listBuurtActivities(ctx.db, actor, event.params.id, ctx.clock()));
	const done = event.url.searchParams.get('done');
	return { ...activities, feedUrl: `${ctx.publicUrl}${activities.feedPath}`, done: done === 'signup' || done === 'signup_cancelled' ? done : null };
});

const act = (doneAs: string, run: typeof signUpForEvent) => (event: RequestEvent) =>
	runForm(event, async (data) => {
		await run(event.locals.ctx, requireActor(event), formFields(data, ['eventId']));
		redirect(303, `/buurten/${event.params.id}/activities?done=${doneAs}`);
	});

export const actions: Actions = {
	signup: act('signup', signUpForEvent),
	cancelSignup: act('signup_cancelled', cancelSignUp)
};
