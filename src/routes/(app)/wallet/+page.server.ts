import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { doneParam, pageLoad } from '$lib/server/web/input';
import { requireActor, runForm } from '$lib/server/web/forms';
import { getWallet, setNameInPot, listHelpBuurten } from '$lib/server/help';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const before = event.url.searchParams.get('before') ?? undefined;
	return {
		wallet: await getWallet(event.locals.ctx.db, actor, { before }),
		buurten: (await listHelpBuurten(event.locals.ctx.db, actor)).filter((b) => actor.memberBuurtIds.includes(b.id)).map((b) => ({ id: b.id, name: b.name })),
		done: doneParam(event.url, ['naming'])
	};
});

export const actions: Actions = {
	naming: (event) =>
		runForm(event, async (data) => {
			const named = data.get('named');
			await setNameInPot(event.locals.ctx, requireActor(event), { named: named === 'yes' ? true : named === 'no' ? false : undefined });
			redirect(303, '/wallet?done=naming');
		})
};
