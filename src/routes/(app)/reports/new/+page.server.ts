import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, sendForm } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { mapOnPage } from '$lib/server/web/map';
import { tooLargeForm } from '$lib/server/web/proposal-forms';
import { answersOf, firstStep, pageErrors, placeOf, reportSteps, reportValues, translated, type ReportStep } from '$lib/server/web/report-form';
import { createReport, createReportSchema, checkAnswers, findDuplicates, followReport, listCategories, reportFormPlaces, MAX_REPORT_PHOTOS, type Duplicate } from '$lib/server/reports';
import { cleanPhotos, filesFromForm } from '$lib/server/photos';
import { parseInput } from '$lib/server/shared/validate';
import { DomainError, httpStatusFor } from '$lib/server/shared/errors';
import type { Actor } from '$lib/server/people';
import type { AddressCandidate } from '$lib/server/web/address-choice';

// The report form in four steps (category → place → details → check and send), each a plain
// form post that carries what came before: it works without JavaScript. The map is one way to
// give the place, never the only one; its code loads only when the person asks for it.

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const places = await reportFormPlaces(ctx.db, actor);
	const tree = places.buurten.length ? await listCategories(ctx.db, actor, actor.memberships[0]?.corporationId, ctx.clock()) : { categories: [] };
	return {
		places,
		categories: tree.categories.filter((c) => c.active),
		map: mapOnPage(event),
		idempotencyKey: (await formKeys(event, ['report'])).report,
		maxPhotos: MAX_REPORT_PHOTOS
	};
});

interface StepState {
	step: ReportStep;
	values: Record<string, string>;
	errors?: Record<string, string>;
	error?: string;
	candidates?: AddressCandidate[];
	duplicates?: ReturnType<typeof presentDuplicates>;
	photosLost?: boolean;
}

const presentDuplicates = (d: Duplicate[]) => d.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() }));

async function categoryOf(event: RequestEvent, actor: Actor, id: string | undefined) {
	const { ctx } = event.locals;
	const corporationId = actor.memberships[0]?.corporationId;
	if (!corporationId || !id) return null;
	const tree = await listCategories(ctx.db, actor, corporationId, ctx.clock());
	return tree.categories.find((c) => c.id === id && c.active) ?? null;
}

/**
 * Runs one step: a DomainError goes back to the step that shows the field at fault, with every
 * message next to its field and everything typed kept (never a 500 for bad input).
 */
type Answer = StepState | ActionFailure<StepState>;

async function step(event: RequestEvent, fn: (data: FormData, values: Record<string, string>, actor: Actor) => Promise<Answer>): Promise<Answer> {
	const actor = requireActor(event);
	const t = event.locals.t;
	mapOnPage(event);
	const data = await event.request.formData().catch(() => new FormData());
	const values = reportValues(data);
	try {
		return await fn(data, values, actor);
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		const errors = pageErrors(err, t);
		const fields = Object.keys(errors);
		const at = fields.length ? firstStep(fields) : 'preview';
		const status = fields.length ? 400 : httpStatusFor(err.code);
		return fail(status, { step: at, values, errors, error: fields.length ? t('errors.form_has_errors') : t(`errors.${err.code}`, err.details) } satisfies StepState);
	}
}

const invalid = (fields: Record<string, string>) => new DomainError('validation.invalid', {}, fields);

async function checkCategory(event: RequestEvent, actor: Actor, values: Record<string, string>) {
	const category = await categoryOf(event, actor, values.categoryId);
	if (!category) throw invalid({ categoryId: 'reports.unknown_category' });
	return category;
}

/** The place, checked by the module (it must be the person's own home, complex or buurt). */
async function checkPlace(event: RequestEvent, actor: Actor, data: FormData, values: Record<string, string>): Promise<{ failed: ActionFailure<StepState> } | { failed?: undefined; place: Awaited<ReturnType<typeof placeOf>>; duplicates: Duplicate[] }> {
	const place = await placeOf(data, values);
	const t = event.locals.t;
	if (Object.keys(place.errors).length)
		return { failed: fail(400, { step: 'location', values: place.values, errors: translated(place.errors, t), error: t('errors.form_has_errors'), candidates: place.candidates } satisfies StepState) };
	const { ctx } = event.locals;
	const duplicates = await findDuplicates(ctx.db, actor, { categoryId: values.categoryId, location: place.location }, ctx.clock());
	return { place, duplicates };
}

function checkDetails(questions: Parameters<typeof checkAnswers>[0], values: Record<string, string>) {
	const fields: Record<string, string> = {};
	try {
		parseInput(createReportSchema.pick({ description: true }), { description: values.description ?? '' });
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		Object.assign(fields, err.fields);
	}
	Object.assign(fields, checkAnswers(questions, answersOf(values)).fields);
	if (Object.keys(fields).length) throw invalid(fields);
}

export const actions: Actions = {
	category: (event) =>
		step(event, async (_data, values, actor) => {
			await checkCategory(event, actor, values);
			return { step: 'location', values };
		}),
	location: (event) =>
		step(event, async (data, values, actor) => {
			await checkCategory(event, actor, values);
			const checked = await checkPlace(event, actor, data, values);
			if (checked.failed) return checked.failed;
			return { step: 'details', values: checked.place.values };
		}),
	details: (event) =>
		step(event, async (data, values, actor) => {
			const category = await checkCategory(event, actor, values);
			const checked = await checkPlace(event, actor, data, values);
			if (checked.failed) return checked.failed;
			checkDetails(category.questions, checked.place.values);
			return { step: 'preview', values: checked.place.values, duplicates: presentDuplicates(checked.duplicates) };
		}),
	/** Back to an earlier step, with everything kept. */
	back: (event) =>
		step(event, async (data, values) => {
			const to = data.get('to');
			return { step: reportSteps.find((s) => s === to) ?? 'category', values };
		}),
	/** "Volg deze melding": follow one that is already there instead of making a new one. */
	follow: async (event) =>
		keepDuplicates(
			event,
			await step(event, async (data, values, actor) => {
				const reportId = data.get('reportId');
				await followReport(event.locals.ctx, actor, { reportId: typeof reportId === 'string' ? reportId : '', support: 'on' });
				redirect(303, `/reports/${reportId}?done=followed`);
			})
		),
	create: async (event) => {
		// A body over the server's limit would arrive empty: say the files were too big instead.
		const tooLarge = tooLargeForm(event);
		if (tooLarge) return fail(413, { step: 'preview', values: {}, errors: { photos: event.locals.t('errors.photos.file_too_big') }, error: event.locals.t('reportPages.new.too_large_lost'), photosLost: true } satisfies StepState);
		let hadFiles = false;
		const result = await step(event, async (data, values, actor) => {
			hadFiles = data.getAll('photos').some((f) => typeof f !== 'string' && f.size > 0);
			const category = await checkCategory(event, actor, values);
			const checked = await checkPlace(event, actor, data, values);
			if (checked.failed) return checked.failed;
			checkDetails(category.questions, checked.place.values);
			// The photos are checked and cleaned (GPS and all metadata gone) before anything is written.
			const photos = await cleanPhotos(await filesFromForm(data, 'photos'), { max: MAX_REPORT_PHOTOS });
			const v = checked.place.values;
			const input = { categoryId: v.categoryId, location: checked.place.location, description: v.description, answers: answersOf(v), hideName: v.hideName === 'on' ? 'on' : undefined };
			// The form's key is handed out again for a while (Back without JavaScript counts once);
			// the same key with another report runs once more with a fresh key (web/forms.ts).
			const made = await sendForm(data, (d) => createReport(event.locals.ctx, actor, { ...input, idempotencyKey: d.get('idempotencyKey') ?? undefined }, photos));
			redirect(303, `/reports/${made.id}?done=created`);
		});
		// Files never come back in a form: when the last step fails, say that photos must be chosen again.
		if ('status' in result) result.data.photosLost = hadFiles;
		return keepDuplicates(event, result);
	}
};

/** A last step that failed shows the nearby reports again, so the choice to follow one stays. */
async function keepDuplicates(event: RequestEvent, result: Answer): Promise<Answer> {
	if ('status' in result && result.data.step === 'preview') result.data.duplicates = await duplicatesFor(event, result.data.values);
	return result;
}

async function duplicatesFor(event: RequestEvent, values: Record<string, string>) {
	const actor = requireActor(event);
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	const place = await placeOf(data, values);
	if (!place.location) return [];
	const { ctx } = event.locals;
	try {
		return presentDuplicates(await findDuplicates(ctx.db, actor, { categoryId: values.categoryId, location: place.location }, ctx.clock()));
	} catch (err) {
		if (err instanceof DomainError) return [];
		throw err;
	}
}
