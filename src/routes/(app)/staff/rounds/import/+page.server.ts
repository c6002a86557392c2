import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formValues, requireActor, runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { formFields, pageLoad } from '$lib/server/web/input';
import { DomainError } from '$lib/server/shared/errors';
import { listVisibleBuurten } from '$lib/server/places';
import { buurtToManageRounds, importPabulibTestRound, MAX_PB_BYTES } from '$lib/server/rounds';
import { formFlag } from '$lib/server/web/round-forms';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const buurten = (await listVisibleBuurten(event.locals.ctx.db, actor)).filter((b) => b.corporation_id === corporationId);
	return { buurten: buurten.map((b) => ({ id: b.id, name: b.name })) };
});

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			const v = formFields(data, ['buurtId', 'rule', 'utility']);
			// Scope, then role, then the file: a refusal never depends on what was uploaded.
			await buurtToManageRounds(event.locals.ctx.db, actor, v.buurtId ?? '');
			const file = data.get('file');
			if (!(file instanceof File) || file.size === 0) throw new DomainError('validation.invalid', {}, { file: 'rounds.pb_required' });
			if (file.size > MAX_PB_BYTES) throw new DomainError('validation.invalid', {}, { file: 'rounds.pb_too_large' });
			let r;
			try {
				r = await importPabulibTestRound(event.locals.ctx, actor, {
					buurtId: v.buurtId,
					rule: v.rule,
					utility: v.rule === 'equal-shares' ? v.utility : undefined,
					fill: v.rule === 'equal-shares' ? formFlag(data, 'fill') : undefined,
					text: await file.text(),
					fileName: file.name.slice(0, 200)
				});
			} catch (err) {
				// A broken file: say where, next to the file field (line number and what is wrong).
				if (err instanceof DomainError && err.code === 'rounds.pb_invalid') {
					const t = event.locals.t;
					return fail(400, { errors: { file: t('errors.rounds.pb_invalid', err.details) }, error: t('errors.form_has_errors'), values: formValues(data), details: err.details });
				}
				throw err;
			}
			redirect(303, `/rounds/${r.id}/results?done=imported`);
		})
};
