import type { Actions, PageServerLoadEvent } from './$types';
import { runForm } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { requireStaff } from '$lib/server/web/staff';
import { registerOfProcessing, retentionKinds, saveRetentionSettings } from '$lib/server/personal-data';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event, { admin: true });
	return { register: await registerOfProcessing(event.locals.ctx, actor, corporationId) };
});

export const actions: Actions = {
	save: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event, { admin: true });
			const period = Object.fromEntries(retentionKinds.filter((k) => !k.periodOf).map((k) => [k.kind, data.get(`period.${k.kind}`) ?? undefined]));
			await saveRetentionSettings(event.locals.ctx, actor, { corporationId, moveOutGraceDays: data.get('moveOutGraceDays') ?? undefined, period });
			return { saved: true };
		})
};
