import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { areaBuurtIds, areaNameSql, householdInArea } from './survey-area';
import { phaseOf, type QuestionRow, type SurveyRow } from './survey-model';
import { seesSurvey, type SurveyFacts } from './survey-policy';

/**
 * The survey reads every use case starts with. Scope before role: a survey the actor may not see
 * is `voice.survey_not_found`, the same as one that does not exist.
 */

export const surveyColumns = `s.id, s.corporation_id, s.area_kind, s.wijk_code, s.buurt_id, s.complex_id, s.template, s.title, s.intro,
	s.opens_at, s.closes_at, s.invitations, s.created_by, s.created_at, s.published_at, s.closed_at, ${areaNameSql('s')} AS area_name`;

export async function loadSurvey(q: Queryable, id: string, lock?: 'FOR UPDATE' | 'FOR SHARE'): Promise<SurveyRow | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	if (lock) await q.query(`SELECT id FROM voice_surveys WHERE id = $1 ${lock}`, [id]);
	const [row] = await q.query<SurveyRow>(`SELECT ${surveyColumns} FROM voice_surveys s WHERE s.id = $1`, [id]);
	return row ?? null;
}

export async function surveyFacts(q: Queryable, actor: Actor | null, s: SurveyRow, now: Date): Promise<SurveyFacts> {
	return {
		phase: phaseOf(s, now),
		household: actor ? await householdInArea(q, actor, s, now) : null,
		buurtIds: actor?.partners.length ? await areaBuurtIds(q, s) : []
	};
}

/** The survey with the actor's facts, or voice.survey_not_found when they may not see it. */
export async function visibleSurvey(q: Queryable, actor: Actor, id: string, now: Date, lock?: 'FOR UPDATE' | 'FOR SHARE'): Promise<{ survey: SurveyRow; facts: SurveyFacts }> {
	const survey = await loadSurvey(q, id, lock);
	if (!survey) throw new DomainError('voice.survey_not_found');
	const facts = await surveyFacts(q, actor, survey, now);
	if (!seesSurvey(actor, survey, facts)) throw new DomainError('voice.survey_not_found');
	return { survey, facts };
}

export async function surveyQuestions(q: Queryable, surveyId: string): Promise<QuestionRow[]> {
	return q.query<QuestionRow>(
		`SELECT id, survey_id, position, kind, text_nl, text_en, required, options, template_key, theme, source, open_published_at
		 FROM voice_survey_questions WHERE survey_id = $1 ORDER BY position`,
		[surveyId]
	);
}
