import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { formFields, pageLoad } from '$lib/server/web/input';
import { actionPrefillFromQuestion, listAreaOptions, recordAction } from '$lib/server/voice';

/** Record an action; from a survey result (?question=) the area and the input come filled in. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx, locale } = event.locals;
	const question = event.url.searchParams.get('question');
	return {
		areas: await listAreaOptions(ctx.db, corporationId),
		prefill: question ? await actionPrefillFromQuestion(ctx.db, actor, question, ctx.clock(), locale) : null,
		keys: await formKeys(event, ['record'])
	};
});

export const actions: Actions = {
	record: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const v = formFields(data, ['area', 'kind', 'title', 'description', 'status', 'idempotencyKey', 'inputKind', 'inputRef', 'inputNote']);
			const inputs = v.inputKind && v.inputRef ? [{ kind: v.inputKind, ref: v.inputRef, note: v.inputNote ?? '' }] : [];
			const r = await recordAction(event.locals.ctx, actor, { area: v.area, kind: v.kind, title: v.title, description: v.description, status: v.status, idempotencyKey: v.idempotencyKey, inputs });
			redirect(303, `/staff/voice/actions/${r.id}?done=recorded`);
		})
};
