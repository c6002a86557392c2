import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { areaValue } from './survey-area';
import { questionResult, tallies } from './survey-results';
import { visibleSurvey } from './survey-store';
import { canManageSurvey, seesResults } from './survey-policy';
import type { QuestionRow } from './survey-model';

/**
 * "Start an action from this result" in one step: the survey's area, and the question as the
 * first input with its figure (k ≥ 5 applied) so the form is filled in. Errors: voice.survey_not_found.
 */
export async function actionPrefillFromQuestion(q: Queryable, actor: Actor, questionId: string, now: Date, locale: string) {
	if (!/^[0-9a-f-]{36}$/i.test(questionId)) throw new DomainError('voice.survey_not_found');
	const [row] = await q.query<QuestionRow>(
		'SELECT id, survey_id, position, kind, text_nl, text_en, required, options, template_key, theme, source, open_published_at FROM voice_survey_questions WHERE id = $1',
		[questionId]
	);
	if (!row) throw new DomainError('voice.survey_not_found');
	const { survey, facts } = await visibleSurvey(q, actor, row.survey_id, now);
	if (!canManageSurvey(actor, survey) || !seesResults(actor, survey, facts)) throw new DomainError('voice.survey_not_found');
	const result = questionResult(row, await tallies(q, [survey.id]), locale);
	return { area: areaValue(survey), survey: { id: survey.id, title: survey.title }, question: { id: row.id, text: result.text, kind: result.kind, mean: result.mean, agreePercent: result.agreePercent, respondents: result.respondents } };
}
