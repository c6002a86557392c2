import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { staffCorporationIds, type Actor } from '../people';
import { areaValue, inAreaSql, listAreaOptions, type AreaOption } from './survey-area';
import { phaseOf, type QuestionRow, type SurveyPhase, type SurveyRow } from './survey-model';
import { canAnswer, canManageSurvey, canReview, seesResults } from './survey-policy';
import { surveyColumns, surveyQuestions, visibleSurvey } from './survey-store';
import { householdStatus, type HouseholdStatus } from './survey-answers';
import { kSafe } from './survey-results';

/** Reads for the survey pages, the homes and the API, scoped by the actor. */

export interface SurveySummary {
	id: string;
	title: string;
	areaName: string;
	phase: SurveyPhase;
	opensAt: Date;
	closesAt: Date;
	/** Households that answered; null = fewer than 5 (staff lists only). */
	respondents: number | null;
	/** Staff: open questions of a closed survey still to review or publish. */
	toReview: number;
	/** Members: whether their household answered. */
	answered: boolean;
}

const summary = (r: SurveyRow & { respondents?: number; to_review?: number; answered?: boolean }, now: Date): SurveySummary => ({
	id: r.id,
	title: r.title,
	areaName: r.area_name,
	phase: phaseOf(r, now),
	opensAt: new Date(r.opens_at),
	closesAt: new Date(r.closes_at),
	respondents: r.respondents === undefined ? null : kSafe(r.respondents),
	toReview: r.to_review ?? 0,
	answered: !!r.answered
});

/** Every survey of the staff member's corporation, newest first. Errors: voice.forbidden (not staff). */
export async function listStaffSurveys(q: Queryable, actor: Actor, now: Date): Promise<{ surveys: SurveySummary[]; areas: AreaOption[]; corporationId: string }> {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId) throw new DomainError('voice.forbidden');
	const rows = await q.query<SurveyRow & { respondents: number; to_review: number }>(
		`SELECT ${surveyColumns},
		   (SELECT count(*)::int FROM voice_survey_respondents p WHERE p.survey_id = s.id) AS respondents,
		   CASE WHEN s.closed_at IS NULL THEN 0 ELSE (SELECT count(*)::int FROM voice_survey_questions qq WHERE qq.survey_id = s.id AND qq.kind = 'open' AND qq.open_published_at IS NULL
		     AND EXISTS (SELECT 1 FROM voice_survey_answers a WHERE a.question_id = qq.id)) END AS to_review
		 FROM voice_surveys s WHERE s.corporation_id = $1 ORDER BY s.created_at DESC, s.id LIMIT 200`,
		[corporationId]
	);
	return { surveys: rows.map((r) => summary(r, now)), areas: await listAreaOptions(q, corporationId), corporationId };
}

/** Published surveys for the actor's households (any buurt they live in), open ones first. */
export async function listMySurveys(q: Queryable, actor: Actor, now: Date): Promise<SurveySummary[]> {
	if (!actor.memberships.length) return [];
	const rows = await q.query<SurveyRow & { answered: boolean }>(
		`SELECT ${surveyColumns},
		   EXISTS (SELECT 1 FROM voice_survey_respondents p WHERE p.survey_id = s.id AND p.unit_id = ANY($2::uuid[])) AS answered
		 FROM voice_surveys s
		 WHERE s.published_at IS NOT NULL AND s.corporation_id = ANY($3::uuid[]) AND EXISTS (
		   SELECT 1 FROM units u JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id WHERE u.id = ANY($2::uuid[]) AND ${inAreaSql('s', 'b', 'c')})
		 ORDER BY (s.closed_at IS NULL AND s.closes_at > $1) DESC, s.closes_at DESC, s.id LIMIT 100`,
		[now, actor.memberships.map((m) => m.unitId), [...new Set(actor.memberships.map((m) => m.corporationId))]]
	);
	return rows.map((r) => summary(r, now)).filter((s) => s.phase !== 'upcoming');
}

export interface SurveyForAnswer {
	survey: { id: string; title: string; intro: string; areaName: string; phase: SurveyPhase; opensAt: Date; closesAt: Date };
	questions: QuestionRow[];
	household: HouseholdStatus | null;
	can: { answer: boolean; results: boolean; manage: boolean };
}

/** A survey as its audience answers it, with the household's status. Errors: voice.survey_not_found. */
export async function getSurveyForAnswer(q: Queryable, actor: Actor, surveyId: string, now: Date): Promise<SurveyForAnswer> {
	const { survey: s, facts } = await visibleSurvey(q, actor, surveyId, now);
	return {
		survey: { id: s.id, title: s.title, intro: s.intro, areaName: s.area_name, phase: facts.phase, opensAt: new Date(s.opens_at), closesAt: new Date(s.closes_at) },
		questions: await surveyQuestions(q, s.id),
		household: facts.household ? await householdStatus(q, s.id, facts.household) : null,
		can: { answer: canAnswer(facts), results: seesResults(actor, s, facts), manage: canManageSurvey(actor, s) }
	};
}

export interface SurveyForStaff {
	survey: SurveyRow & { phase: SurveyPhase; area: string };
	questions: QuestionRow[];
	respondents: { total: number | null; paper: number | null };
	areas: AreaOption[];
	can: { edit: boolean; publish: boolean; close: boolean; paper: boolean; letters: boolean; review: boolean; results: boolean };
}

/** Everything staff need to build and run a survey. Errors: voice.survey_not_found (not staff of its corporation: scope). */
export async function getSurveyForStaff(q: Queryable, actor: Actor, surveyId: string, now: Date): Promise<SurveyForStaff> {
	const { survey: s, facts } = await visibleSurvey(q, actor, surveyId, now);
	if (!canManageSurvey(actor, s)) throw new DomainError('voice.survey_not_found');
	const [questions, [c], areas] = await Promise.all([
		surveyQuestions(q, s.id),
		q.query<{ total: number; paper: number }>(`SELECT count(*)::int AS total, count(*) FILTER (WHERE via = 'paper')::int AS paper FROM voice_survey_respondents WHERE survey_id = $1`, [s.id]),
		listAreaOptions(q, s.corporation_id)
	]);
	const phase = facts.phase;
	return {
		survey: { ...s, phase, area: areaValue(s) },
		questions,
		respondents: { total: kSafe(c.total), paper: kSafe(c.paper) },
		areas,
		can: {
			edit: phase === 'draft',
			publish: phase === 'draft' && questions.length > 0,
			close: phase === 'open',
			paper: phase === 'open',
			letters: s.invitations && (phase === 'open' || phase === 'upcoming'),
			review: canReview(actor, s, facts),
			results: phase !== 'draft'
		}
	};
}

/** For the staff home: closed surveys with open answers to review or publish, and surveys open now. */
export async function staffSurveysWaiting(q: Queryable, actor: Actor, now: Date): Promise<{ toReview: SurveySummary[]; open: SurveySummary[] }> {
	if (!staffCorporationIds(actor).length) return { toReview: [], open: [] };
	const { surveys } = await listStaffSurveys(q, actor, now);
	return { toReview: surveys.filter((s) => s.toReview > 0), open: surveys.filter((s) => s.phase === 'open') };
}

/** For the member home: open surveys for their household that it has not answered yet. */
export async function memberOpenSurveys(q: Queryable, actor: Actor, now: Date): Promise<SurveySummary[]> {
	return (await listMySurveys(q, actor, now)).filter((s) => s.phase === 'open' && !s.answered);
}

/** The same-corporation surveys staff may link an action to (closed or open), newest first. */
export async function surveyQuestionChoices(q: Queryable, actor: Actor, surveyId: string, now: Date): Promise<{ id: string; title: string; questions: QuestionRow[] }> {
	const { survey, facts } = await visibleSurvey(q, actor, surveyId, now);
	if (!canManageSurvey(actor, survey) || !seesResults(actor, survey, facts)) throw new DomainError('voice.survey_not_found');
	return { id: survey.id, title: survey.title, questions: await surveyQuestions(q, survey.id) };
}
