import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { formFields, pageLoad } from '$lib/server/web/input';
import { createGroup, listGroups } from '$lib/server/board';

/** The buurt's groups and the form to start one. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	return { ...(await listGroups(event.locals.ctx.db, actor, { buurtId: event.params.id })), keys: await formKeys(event, ['create']) };
});

export const actions: Actions = {
	create: (event) =>
		runForm(event, async (data) => {
			const r = await createGroup(event.locals.ctx, requireActor(event), { buurtId: event.params.id, ...formFields(data, ['name', 'description', 'access', 'idempotencyKey']) });
			redirect(303, `/buurten/${r.buurtId}/board/groups/${r.id}?done=created`);
		})
};
