import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listPersonas, savePersona } from '$lib/server/voice';

const personaFieldNames = ['nameNl', 'nameEn', 'aboutNl', 'aboutEn', 'needsNl', 'needsEn'] as const;

/** The personas (the seed's four first), each with when evidence last backed it; add one. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	return { personas: await listPersonas(event.locals.ctx, actor) };
});

export const actions: Actions = {
	create: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const { id } = await savePersona(event.locals.ctx, actor, Object.fromEntries(personaFieldNames.map((n) => [n, str(data, n) ?? ''])));
			redirect(303, `/staff/voice/personas/${id}?done=created`);
		})
};
