import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { plainText } from '../shared/text';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { K_MIN, MAX_OPEN_ANSWER, questionIdSchema, questionText, surveyIdSchema, type QuestionRow, type SurveyRow } from './survey-model';
import { canReview } from './survey-policy';
import { surveyQuestions, visibleSurvey } from './survey-store';

/**
 * Open answers are reviewed by staff before anyone else reads them, after the close (when they
 * no longer change): each is shown as written, shown with names or addresses taken out, or
 * hidden. Then staff publish the question's answers — only when at least 5 people answered it
 * and every answer was reviewed.
 */

export interface ReviewItem {
	answerId: string;
	body: string;
	decision: 'show' | 'redact' | 'hide' | null;
	shownText: string | null;
}

async function openQuestion(q: Queryable, actor: Actor, surveyId: string, questionId: string, now: Date, lock?: 'FOR UPDATE'): Promise<{ survey: SurveyRow; question: QuestionRow }> {
	const { survey, facts } = await visibleSurvey(q, actor, surveyId, now, lock);
	const question = (await surveyQuestions(q, survey.id)).find((x) => x.id === questionId && x.kind === 'open');
	if (!question) throw new DomainError('voice.survey_not_found');
	if (!canReview(actor, survey, facts)) throw new DomainError(facts.phase === 'closed' ? 'voice.forbidden' : 'voice.survey_not_closed');
	return { survey, question };
}

/** The open answers of one question with their review, for staff after the close. Errors: voice.survey_not_found, voice.forbidden, voice.survey_not_closed (409). */
export async function listOpenAnswers(q: Queryable, actor: Actor, input: { surveyId: string; questionId: string }, now: Date, locale: string) {
	const v = parseInput(z.object({ surveyId: surveyIdSchema, questionId: questionIdSchema }), input);
	const { survey, question } = await openQuestion(q, actor, v.surveyId, v.questionId, now);
	const rows = await q.query<{ id: string; body: string; decision: ReviewItem['decision']; shown_text: string | null }>(
		`SELECT a.id, a.body, v.decision, v.shown_text FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id
		 LEFT JOIN voice_open_reviews v ON v.answer_id = a.id WHERE r.survey_id = $1 AND a.question_id = $2 AND a.body IS NOT NULL ORDER BY a.id`,
		[survey.id, question.id]
	);
	return {
		survey: { id: survey.id, title: survey.title },
		question: { id: question.id, text: questionText(question, locale), published: !!question.open_published_at },
		answers: rows.map((r): ReviewItem => ({ answerId: r.id, body: r.body, decision: r.decision, shownText: r.shown_text })),
		canPublish: rows.length >= K_MIN && rows.every((r) => r.decision) && !question.open_published_at,
		enough: rows.length >= K_MIN
	};
}

export const reviewOpenAnswerSchema = z.object({
	surveyId: surveyIdSchema,
	questionId: questionIdSchema,
	answerId: z.uuid('voice.survey_not_found'),
	decision: z.enum(['show', 'redact', 'hide'], 'voice.decision_required'),
	/** With 'redact': the answer with names and addresses taken out. */
	shownText: plainText().trim().max(MAX_OPEN_ANSWER, 'validation.too_long').optional()
});

/**
 * Staff decide about one open answer (again, until the question is published). Errors:
 * voice.survey_not_found, voice.forbidden, voice.survey_not_closed, voice.open_published (409),
 * validation.invalid (decision, shownText → voice.redacted_required | voice.redacted_same).
 */
export async function reviewOpenAnswer(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const surveyId = parseTarget(reviewOpenAnswerSchema, 'surveyId', input);
	const now = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		const questionId = parseTarget(reviewOpenAnswerSchema, 'questionId', input);
		const { survey, question } = await openQuestion(tx, actor, surveyId, questionId, now, 'FOR UPDATE');
		if (question.open_published_at) throw new DomainError('voice.open_published');
		const v = parseInput(reviewOpenAnswerSchema, input);
		const [a] = await tx.query<{ body: string }>(
			'SELECT a.body FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id WHERE a.id = $1 AND a.question_id = $2 AND r.survey_id = $3',
			[v.answerId, question.id, survey.id]
		);
		if (!a) throw new DomainError('voice.survey_not_found');
		if (v.decision === 'redact' && !v.shownText) throw new DomainError('validation.invalid', {}, { shownText: 'voice.redacted_required' });
		if (v.decision === 'redact' && v.shownText === a.body.trim()) throw new DomainError('validation.invalid', {}, { shownText: 'voice.redacted_same' });
		await tx.query(
			`INSERT INTO voice_open_reviews (answer_id, decision, shown_text, reviewed_by, reviewed_at) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (answer_id) DO UPDATE SET decision = EXCLUDED.decision, shown_text = EXCLUDED.shown_text, reviewed_by = EXCLUDED.reviewed_by, reviewed_at = EXCLUDED.reviewed_at`,
			[v.answerId, v.decision, v.decision === 'redact' ? v.shownText : null, actor.accountId, now]
		);
	});
}

export const publishOpenAnswersSchema = z.object({ surveyId: surveyIdSchema, questionId: questionIdSchema });

/**
 * Staff publish a question's reviewed open answers to the members of the area. Errors:
 * voice.survey_not_found, voice.forbidden, voice.survey_not_closed, voice.open_published,
 * voice.too_few_open_answers (fewer than 5), voice.review_incomplete (an answer without a decision).
 */
export async function publishOpenAnswers(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const v = parseInput(publishOpenAnswersSchema, input);
	const now = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		const { survey, question } = await openQuestion(tx, actor, v.surveyId, v.questionId, now, 'FOR UPDATE');
		if (question.open_published_at) throw new DomainError('voice.open_published');
		const [c] = await tx.query<{ n: number; unreviewed: number }>(
			`SELECT count(*)::int AS n, count(*) FILTER (WHERE v.answer_id IS NULL)::int AS unreviewed FROM voice_survey_answers a
			 JOIN voice_survey_responses r ON r.id = a.response_id LEFT JOIN voice_open_reviews v ON v.answer_id = a.id WHERE r.survey_id = $1 AND a.question_id = $2`,
			[survey.id, question.id]
		);
		if (c.n < K_MIN) throw new DomainError('voice.too_few_open_answers', { min: K_MIN });
		if (c.unreviewed > 0) throw new DomainError('voice.review_incomplete', { count: c.unreviewed });
		await tx.query('UPDATE voice_survey_questions SET open_published_at = $2, open_published_by = $3 WHERE id = $1', [question.id, now, actor.accountId]);
		await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'voice.open_answers_published', subject: `voice_survey:${survey.id}`, details: { questionId: question.id, answers: c.n }, corporationId: survey.corporation_id });
	});
}
