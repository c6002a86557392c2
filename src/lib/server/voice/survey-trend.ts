import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import { questionText, type QuestionRow } from './survey-model';
import { questionResult, tallies } from './survey-results';
import { visibleSurvey } from './survey-store';
import { seesResults } from './survey-policy';

/**
 * The trend over rounds of the same template in the same area: for each grade and agree question
 * with a template key, its headline figure (mean grade, or the share that agrees) per closed
 * round, oldest first, with k ≥ 5 applied per round. Empty when there is no earlier round.
 */
export interface TrendLine {
	templateKey: string;
	kind: 'grade' | 'agree';
	text: string;
	points: { surveyId: string; title: string; closedAt: Date; value: number | null }[];
}

export async function getSurveyTrend(q: Queryable, actor: Actor, surveyId: string, now: Date, locale: string): Promise<TrendLine[]> {
	const { survey: s, facts } = await visibleSurvey(q, actor, surveyId, now);
	if (!s.template || !seesResults(actor, s, facts)) return [];
	const rounds = await q.query<{ id: string; title: string; closed_at: Date }>(
		`SELECT id, title, closed_at FROM voice_surveys
		 WHERE corporation_id = $1 AND template = $2 AND area_kind = $3 AND wijk_code IS NOT DISTINCT FROM $4 AND buurt_id IS NOT DISTINCT FROM $5
		   AND complex_id IS NOT DISTINCT FROM $6 AND closed_at IS NOT NULL ORDER BY closed_at, id`,
		[s.corporation_id, s.template, s.area_kind, s.wijk_code, s.buurt_id, s.complex_id]
	);
	if (rounds.length < 2) return [];
	const ids = rounds.map((r) => r.id);
	const [questions, t] = await Promise.all([
		q.query<QuestionRow>(
			`SELECT id, survey_id, position, kind, text_nl, text_en, required, options, template_key, theme, source, open_published_at
			 FROM voice_survey_questions WHERE survey_id = ANY($1::uuid[]) AND template_key IS NOT NULL AND kind IN ('grade', 'agree') ORDER BY position`,
			[ids]
		),
		tallies(q, ids)
	]);
	const lines = new Map<string, TrendLine>();
	for (const qq of questions) {
		const key = qq.template_key!;
		if (!lines.has(key)) lines.set(key, { templateKey: key, kind: qq.kind as 'grade' | 'agree', text: questionText(qq, locale), points: [] });
	}
	for (const line of lines.values())
		for (const r of rounds) {
			const qq = questions.find((x) => x.survey_id === r.id && x.template_key === line.templateKey);
			const res = qq ? questionResult(qq, t, locale) : null;
			line.points.push({ surveyId: r.id, title: r.title, closedAt: new Date(r.closed_at), value: res ? (line.kind === 'grade' ? res.mean : res.agreePercent) : null });
		}
	return [...lines.values()];
}
