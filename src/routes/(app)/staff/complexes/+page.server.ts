import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { requireActor, runForm, str } from '$lib/server/web/forms';
import { listComplexes, formatAddress } from '$lib/server/places';
import { generateSignupCodes } from '$lib/server/people';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { corporationId } = requireStaff(event);
	return { complexes: await listComplexes(event.locals.ctx.db, corporationId) };
});

export const actions: Actions = {
	letters: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event); // the use case checks scope, then role
			const letters = await generateSignupCodes(event.locals.ctx, actor, { complexId: str(data, 'complexId') });
			return {
				letters: letters.map((l) => ({
					address: formatAddress(l.unit),
					postcode: l.unit.postcode,
					place: l.unit.place,
					code: l.code,
					expires: l.expiresAt.toISOString()
				})),
				url: `${event.locals.ctx.publicUrl}/signup`
			};
		})
};
