import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { checked, choicesFrom, choicesText, codeFrom, partyFrom, partyValue } from '$lib/server/web/report-forms';
import { categoryKinds, createCategory, listCategories, listHandlingOptions, saveQuestion, updateCategory } from '$lib/server/reports';

/**
 * The category tree of the corporation: every category and sub-category with its words, who
 * handles it, its target in working days and its questions. Questions are switched off, never
 * deleted (old answers keep their meaning). Codes are made from the Dutch words.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	const [tree, options] = await Promise.all([listCategories(ctx.db, actor, corporationId, ctx.clock()), listHandlingOptions(ctx.db, actor, corporationId)]);
	return {
		corporationId,
		kinds: [...categoryKinds],
		categories: tree.categories.map((c) => ({
			id: c.id,
			parentId: c.parent_id,
			kind: c.kind,
			nameNl: c.name_nl,
			nameEn: c.name_en,
			descriptionNl: c.description_nl ?? '',
			descriptionEn: c.description_en ?? '',
			visibility: c.visibility,
			party: partyValue(c),
			partyRef: { party_kind: c.party_kind, team_id: c.team_id, staff_id: c.staff_id, organisation_id: c.organisation_id },
			slaWorkingDays: c.sla_working_days,
			open311: c.open311,
			serviceCode: c.service_code,
			active: c.active,
			questions: c.questions.map((q) => ({ id: q.id, code: q.code, kind: q.kind, labelNl: q.label_nl, labelEn: q.label_en, required: q.required, choices: choicesText(q.choices), position: q.position, active: q.active }))
		})),
		choices: { teams: options.teams, staff: options.staff, organisations: options.organisations },
		names: Object.fromEntries([...options.teams, ...options.staff, ...options.partners].map((x) => [x.id, x.name])),
		done: doneParam(event.url, ['created', 'saved', 'question']),
		// The category just saved stays open, so the person sees what they changed.
		openId: event.url.searchParams.get('open') ?? ''
	};
});

/** The fields a category form sends, as the use cases' input. */
function categoryInput(data: FormData) {
	const v = formFields(data, ['visibility', 'slaWorkingDays']);
	// An emptied name is an error next to the field, not "keep the old one".
	return { ...v, nameNl: str(data, 'nameNl') ?? '', nameEn: str(data, 'nameEn') ?? '', descriptionNl: str(data, 'descriptionNl') ?? '', descriptionEn: str(data, 'descriptionEn') ?? '', party: partyFrom(str(data, 'party')), open311: checked(data, 'open311') };
}

export const actions: Actions = {
	create: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event);
			const input = categoryInput(data);
			const parentId = str(data, 'parentId') || null;
			const { id } = await createCategory(event.locals.ctx, actor, {
				...input,
				corporationId,
				parentId,
				kind: str(data, 'kind'),
				serviceCode: str(data, 'serviceCode')?.trim() || codeFrom(input.nameNl ?? '').replace(/_/g, '-')
			});
			redirect(303, `/staff/reports/categories?done=created&open=${id}#cat-${id}`);
		}),
	update: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event); // then the use case checks scope, then role
			const { id } = await updateCategory(event.locals.ctx, actor, { ...categoryInput(data), categoryId: str(data, 'categoryId'), active: checked(data, 'active') });
			redirect(303, `/staff/reports/categories?done=saved&open=${id}#cat-${id}`);
		}),
	question: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event); // then the use case checks scope, then role
			const { ctx } = event.locals;
			const categoryId = str(data, 'categoryId');
			let code = str(data, 'code');
			if (!code) {
				// A new question: its code comes from the Dutch words, never one the category already has.
				const tree = await listCategories(ctx.db, actor, corporationId, ctx.clock());
				const taken = tree.categories.find((c) => c.id === categoryId)?.questions.map((q) => q.code) ?? [];
				code = codeFrom(str(data, 'labelNl') ?? '', taken);
			}
			await saveQuestion(ctx, actor, {
				...formFields(data, ['labelNl', 'labelEn', 'kind', 'position']),
				categoryId,
				code,
				required: checked(data, 'required'),
				active: data.has('code') ? checked(data, 'active') : true,
				choices: str(data, 'kind') === 'choice' || str(data, 'choices')?.trim() ? choicesFrom(str(data, 'choices')) : []
			});
			redirect(303, `/staff/reports/categories?done=question&open=${categoryId}#cat-${categoryId}`);
		})
};
