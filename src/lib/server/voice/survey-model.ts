import { z } from 'zod';
import { plainText } from '../shared/text';

/**
 * Surveys: vocabulary, limits and input pieces shared by the survey use cases (no rules; who may
 * do what is in survey-policy.ts).
 *
 * A survey belongs to a corporation and is addressed to the members of an area (the whole
 * corporation, a wijk, a buurt or a complex). Staff build it as a draft (questions, intro, dates),
 * publish it, and from `opens_at` to `closes_at` each household answers once (a second response
 * replaces the first). Anonymous by default: see survey-answers.ts.
 */

export const questionKinds = ['grade', 'single', 'multiple', 'agree', 'open'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const areaKinds = ['corporation', 'wijk', 'buurt', 'complex'] as const;
export type AreaKind = (typeof areaKinds)[number];

export const templateNames = ['seed', 'neighbourhood'] as const;
export type TemplateName = (typeof templateNames)[number];

export const themes = ['seed', 'safety', 'cohesion', 'nuisance', 'upkeep', 'general'] as const;
export type Theme = (typeof themes)[number];

/** The five points of the agree scale, 1 = totally disagree … 5 = totally agree. */
export const agreePoints = [1, 2, 3, 4, 5] as const;
export const gradePoints = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Any figure from fewer than this many respondents is shown as "<5" (k-anonymity). */
export const K_MIN = 5;

export const MAX_TITLE = 120;
export const MAX_INTRO = 2000;
export const MAX_QUESTION = 300;
export const MAX_OPEN_ANSWER = 2000;
export const MAX_OPTIONS = 10;
export const MAX_QUESTIONS = 40;

export type SurveyPhase = 'draft' | 'upcoming' | 'open' | 'closed';

export const surveyIdSchema = z.uuid('voice.survey_not_found');
export const questionIdSchema = z.uuid('voice.survey_not_found');

export interface Option {
	key: string;
	nl: string;
	en: string;
}

export interface SurveyRow {
	id: string;
	corporation_id: string;
	area_kind: AreaKind;
	wijk_code: string | null;
	buurt_id: string | null;
	complex_id: string | null;
	template: TemplateName | null;
	title: string;
	intro: string;
	opens_at: Date;
	closes_at: Date;
	invitations: boolean;
	created_by: string;
	created_at: Date;
	published_at: Date | null;
	closed_at: Date | null;
	/** The area's name in words (wijk, buurt or complex name; the corporation's name). */
	area_name: string;
}

export interface QuestionRow {
	id: string;
	survey_id: string;
	position: number;
	kind: QuestionKind;
	text_nl: string;
	text_en: string;
	required: boolean;
	options: Option[];
	template_key: string | null;
	theme: Theme | null;
	source: string | null;
	open_published_at: Date | null;
}

/** Where the survey (or action) is in its life, at `now`. */
export function phaseOf(s: Pick<SurveyRow, 'published_at' | 'closed_at' | 'opens_at' | 'closes_at'>, now: Date): SurveyPhase {
	if (!s.published_at) return 'draft';
	if (s.closed_at || now >= new Date(s.closes_at)) return 'closed';
	if (now < new Date(s.opens_at)) return 'upcoming';
	return 'open';
}

/** A question's words in the reader's language (English falls back to Dutch). */
export const questionText = (q: Pick<QuestionRow, 'text_nl' | 'text_en'>, locale: string) => (locale === 'en' && q.text_en ? q.text_en : q.text_nl);
export const optionText = (o: Option, locale: string) => (locale === 'en' && o.en ? o.en : o.nl);

export const titleSchema = plainText({ error: 'voice.title_required' }).trim().min(3, 'voice.title_required').max(MAX_TITLE, 'validation.too_long');
export const introSchema = plainText().trim().max(MAX_INTRO, 'validation.too_long').default('');

/** As help's and board's: a form's hidden key or the API's Idempotency-Key header. */
export const idempotencyKeySchema = z
	.string()
	.regex(/^[A-Za-z0-9._:-]{8,100}$/, 'voice.idempotency_key_invalid')
	.optional();

/** A form's checkbox or the API's boolean. */
export const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean());
