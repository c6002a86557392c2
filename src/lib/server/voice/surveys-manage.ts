import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import { recordAudit } from '../audit';
import { staffCorporationIds, type Actor } from '../people';
import { areaSchema, resolveArea } from './survey-area';
import { MAX_OPTIONS, MAX_QUESTION, MAX_QUESTIONS, checkbox, idempotencyKeySchema, introSchema, questionIdSchema, questionKinds, surveyIdSchema, templateNames, titleSchema, type Option } from './survey-model';
import { canManageSurvey } from './survey-policy';
import { loadSurvey, surveyQuestions } from './survey-store';
import { templates } from './survey-templates';
import { createInvitations } from './survey-invitations';

/** Building a survey: create (optionally from a template), edit the draft, add/remove questions, publish. */

const day = z.iso.date('voice.date_invalid');

/** The first moment of an Amsterdam calendar day (surveys open at its start and close at the end of their last day). */
export function amsterdamMidnight(isoDay: string): Date {
	const utc = new Date(`${isoDay}T00:00:00Z`);
	const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(utc));
	return new Date(utc.getTime() - hour * 3600_000);
}
const nextDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
export const amsterdamDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d);

const surveyFields = {
	area: areaSchema,
	title: titleSchema,
	intro: introSchema,
	/** The first day people can answer, and the last (Amsterdam days). */
	opensOn: day,
	closesOn: day,
	invitations: checkbox.default(false)
};

export const createSurveySchema = z.object({
	...surveyFields,
	title: titleSchema.optional(),
	template: z.enum(templateNames, 'voice.template_invalid').optional(),
	locale: z.enum(['nl', 'en']).default('nl'),
	idempotencyKey: idempotencyKeySchema
});

function checkDates(v: { opensOn: string; closesOn: string }, now: Date) {
	if (v.closesOn < v.opensOn) throw new DomainError('validation.invalid', {}, { closesOn: 'voice.closes_before_opens' });
	if (v.closesOn < amsterdamDay(now)) throw new DomainError('validation.invalid', {}, { closesOn: 'voice.closes_in_past' });
	return { opensAt: amsterdamMidnight(v.opensOn), closesAt: amsterdamMidnight(nextDay(v.closesOn)) };
}

function staffCorporation(actor: Actor): string {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId) throw new DomainError('voice.forbidden');
	return corporationId;
}

/**
 * Staff start a survey as a draft for an area of their corporation. With a template, its title,
 * intro and questions (Dutch and English, with their sources) are filled in; without one the
 * title is required and questions are added next. Errors: voice.forbidden (not staff),
 * validation.invalid (area → voice.area_required, title, dates → voice.date_invalid |
 * voice.closes_before_opens | voice.closes_in_past), voice.idempotency_mismatch.
 */
export async function createSurvey(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const corporationId = staffCorporation(actor);
	const v = parseInput(createSurveySchema, input);
	if (!v.title && !v.template) throw new DomainError('validation.invalid', {}, { title: 'voice.title_required' });
	const now = ctx.clock();
	const { opensAt, closesAt } = checkDates(v, now);
	return ctx.db.transaction(async (tx) => {
		const area = await resolveArea(tx, corporationId, v.area);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'voice.survey', input: v, at: now }, async () => {
			const t = v.template ? templates[v.template] : null;
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO voice_surveys (corporation_id, area_kind, wijk_code, buurt_id, complex_id, template, title, intro, opens_at, closes_at, invitations, created_by, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
				[corporationId, area.area_kind, area.wijk_code, area.buurt_id, area.complex_id, v.template ?? null, v.title ?? t!.title[v.locale], v.intro || (t ? t.intro[v.locale] : ''), opensAt, closesAt, v.invitations, actor.accountId, now]
			);
			if (t)
				for (const [i, q] of t.questions.entries())
					await insertQuestion(tx, row.id, i + 1, { kind: q.kind, textNl: q.nl, textEn: q.en, required: q.required, options: q.options ?? [], templateKey: q.key, theme: q.theme, source: q.source });
			return { id: row.id };
		});
	});
}

/** A draft of the actor's corporation, locked; anything else is not found (scope) or not a draft. */
async function draftFor(tx: Queryable, actor: Actor, surveyId: string) {
	const s = await loadSurvey(tx, surveyId, 'FOR UPDATE');
	if (!s || !canManageSurvey(actor, s)) throw new DomainError('voice.survey_not_found');
	if (s.published_at) throw new DomainError('voice.survey_published');
	return s;
}

export const updateSurveySchema = z.object({ surveyId: surveyIdSchema, ...surveyFields });

/** Staff change a draft's area, title, intro, dates and invitation letters. Errors: as createSurvey, voice.survey_not_found, voice.survey_published (409). */
export async function updateSurvey(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const surveyId = parseTarget(updateSurveySchema, 'surveyId', input);
	return ctx.db.transaction(async (tx) => {
		const s = await draftFor(tx, actor, surveyId);
		const v = parseInput(updateSurveySchema, input);
		const { opensAt, closesAt } = checkDates(v, ctx.clock());
		const area = await resolveArea(tx, s.corporation_id, v.area);
		await tx.query(
			`UPDATE voice_surveys SET area_kind = $2, wijk_code = $3, buurt_id = $4, complex_id = $5, title = $6, intro = $7, opens_at = $8, closes_at = $9, invitations = $10 WHERE id = $1`,
			[s.id, area.area_kind, area.wijk_code, area.buurt_id, area.complex_id, v.title, v.intro, opensAt, closesAt, v.invitations]
		);
		return { id: s.id };
	});
}

const lines = (max: number) =>
	plainText()
		.default('')
		.transform((s) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
		.pipe(z.array(z.string().max(100, 'voice.option_too_long')).max(max, 'voice.options_count'));

export const addQuestionSchema = z.object({
	surveyId: surveyIdSchema,
	kind: z.enum(questionKinds, 'voice.kind_required'),
	textNl: plainText({ error: 'voice.question_required' }).trim().min(3, 'voice.question_required').max(MAX_QUESTION, 'validation.too_long'),
	textEn: plainText().trim().max(MAX_QUESTION, 'validation.too_long').default(''),
	required: checkbox.default(false),
	/** Single and multiple choice: the options, one per line (2–10); English in the same order, optional. */
	optionsNl: lines(MAX_OPTIONS),
	optionsEn: lines(MAX_OPTIONS)
});

/**
 * Staff add a question at the end of a draft. Choice questions need 2–10 options; English
 * words, when given, one per Dutch option. Errors: voice.survey_not_found, voice.survey_published,
 * validation.invalid (kind, textNl, optionsNl → voice.options_count, optionsEn → voice.options_mismatch),
 * voice.too_many_questions.
 */
export async function addQuestion(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const surveyId = parseTarget(addQuestionSchema, 'surveyId', input);
	return ctx.db.transaction(async (tx) => {
		const s = await draftFor(tx, actor, surveyId);
		const v = parseInput(addQuestionSchema, input);
		const choice = v.kind === 'single' || v.kind === 'multiple';
		if (choice && v.optionsNl.length < 2) throw new DomainError('validation.invalid', {}, { optionsNl: 'voice.options_count' });
		if (choice && v.optionsEn.length && v.optionsEn.length !== v.optionsNl.length) throw new DomainError('validation.invalid', {}, { optionsEn: 'voice.options_mismatch' });
		const options: Option[] = choice ? v.optionsNl.map((nl, i) => ({ key: `o${i + 1}`, nl, en: v.optionsEn[i] ?? '' })) : [];
		const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_survey_questions WHERE survey_id = $1', [s.id]);
		if (n >= MAX_QUESTIONS) throw new DomainError('voice.too_many_questions', { max: MAX_QUESTIONS });
		const [{ next }] = await tx.query<{ next: number }>('SELECT COALESCE(max(position), 0) + 1 AS next FROM voice_survey_questions WHERE survey_id = $1', [s.id]);
		return { id: await insertQuestion(tx, s.id, next, { kind: v.kind, textNl: v.textNl, textEn: v.textEn, required: v.required, options }) };
	});
}

export const removeQuestionSchema = z.object({ surveyId: surveyIdSchema, questionId: questionIdSchema });

/** Staff remove a question from a draft (the others keep their order). Errors: voice.survey_not_found, voice.survey_published. */
export async function removeQuestion(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const surveyId = parseTarget(removeQuestionSchema, 'surveyId', input);
	await ctx.db.transaction(async (tx) => {
		const s = await draftFor(tx, actor, surveyId);
		const v = parseInput(removeQuestionSchema, input);
		const gone = await tx.query('DELETE FROM voice_survey_questions WHERE id = $1 AND survey_id = $2 RETURNING id', [v.questionId, s.id]);
		if (!gone.length) throw new DomainError('voice.survey_not_found');
	});
}

export const publishSurveySchema = z.object({ surveyId: surveyIdSchema });

/**
 * Staff publish a draft: from its opening day the audience can answer. A survey without
 * questions cannot be published (voice.survey_no_questions), nor one whose last day has passed.
 * The survey's secret (for finding a household's response again, survey-answers.ts) is made now,
 * and with invitation letters switched on, one personal link per household of the area.
 * Errors: voice.survey_not_found, voice.survey_published, voice.survey_no_questions, voice.survey_closed.
 */
export async function publishSurvey(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(publishSurveySchema, input);
	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const s = await draftFor(tx, actor, v.surveyId);
		if (!(await surveyQuestions(tx, s.id)).length) throw new DomainError('voice.survey_no_questions');
		if (new Date(s.closes_at) <= now) throw new DomainError('voice.survey_closed');
		await tx.query('UPDATE voice_surveys SET published_at = $2 WHERE id = $1', [s.id, now]);
		await tx.query('INSERT INTO voice_survey_secrets (survey_id, secret) VALUES ($1, $2)', [s.id, randomBytes(32)]);
		if (s.invitations) await createInvitations(tx, s);
		await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'voice.survey_published', subject: `voice_survey:${s.id}`, corporationId: s.corporation_id });
		return { id: s.id };
	});
}

interface NewQuestion {
	kind: string;
	textNl: string;
	textEn: string;
	required: boolean;
	options: Option[];
	templateKey?: string;
	theme?: string;
	source?: string;
}

async function insertQuestion(tx: Queryable, surveyId: string, position: number, q: NewQuestion): Promise<string> {
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO voice_survey_questions (survey_id, position, kind, text_nl, text_en, required, options, template_key, theme, source)
		 VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING id`,
		[surveyId, position, q.kind, q.textNl, q.textEn, q.required, JSON.stringify(q.options), q.templateKey ?? null, q.theme ?? (q.templateKey ? null : 'general'), q.source ?? null]
	);
	return row.id;
}


