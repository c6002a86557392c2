import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { formFields, pageLoad } from '$lib/server/web/input';
import { actionInputChoices, actionPrefillFromAdvice, actionPrefillFromQuestion, actionPrefillFromReports, actionPrefillFromTheme, listAreaOptions, pickedInput, recordAction } from '$lib/server/voice';

/**
 * Record an action. Started in one step from somewhere, the area and the inputs come filled in:
 * a survey result (?question=), a theme (?theme=), a melding cluster (?category=&buurt=, the
 * staff queue's filter) or an advice request after the reply (?advice=).
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx, locale } = event.locals;
	const p = event.url.searchParams;
	const question = p.get('question');
	const theme = p.get('theme');
	const category = p.get('category');
	const buurt = p.get('buurt');
	const advice = p.get('advice');
	const now = ctx.clock();
	return {
		areas: await listAreaOptions(ctx.db, corporationId),
		choices: await actionInputChoices(ctx.db, actor),
		prefill: question ? await actionPrefillFromQuestion(ctx.db, actor, question, now, locale) : null,
		fromTheme: !question && theme ? await actionPrefillFromTheme(ctx.db, actor, theme) : null,
		fromReports: !question && !theme && category && buurt ? await actionPrefillFromReports(ctx.db, actor, category, buurt, now, locale) : null,
		fromAdvice: !question && !theme && !category && advice ? await actionPrefillFromAdvice(ctx.db, actor, advice) : null,
		keys: await formKeys(event, ['record'])
	};
});

export const actions: Actions = {
	record: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const v = formFields(data, ['area', 'kind', 'title', 'description', 'status', 'idempotencyKey', 'inputKind', 'inputRef', 'inputNote', 'inputPick']);
			// The inputs the page prefilled travel as pairs of hidden fields; then the one staff add.
			const kinds = data.getAll('prefillKind').map(String);
			const refs = data.getAll('prefillRef').map(String);
			const inputs = kinds.map((kind, i) => ({ kind, ref: refs[i] ?? '', note: '' }));
			const picked = pickedInput(v.inputPick);
			if (picked) inputs.push({ ...picked, note: v.inputNote ?? '' });
			else if (v.inputKind && v.inputRef) inputs.push({ kind: v.inputKind, ref: v.inputRef, note: v.inputNote ?? '' });
			else if (inputs.length && v.inputNote) inputs[0].note = v.inputNote;
			const r = await recordAction(event.locals.ctx, actor, { area: v.area, kind: v.kind, title: v.title, description: v.description, status: v.status, idempotencyKey: v.idempotencyKey, inputs });
			redirect(303, `/staff/voice/actions/${r.id}?done=recorded`);
		})
};
