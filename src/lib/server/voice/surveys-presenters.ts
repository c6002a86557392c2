import type { SurveyResults } from './survey-results';
import type { SurveySummary } from './surveys-queries';
import type { TrendLine } from './survey-trend';

/** JSON shapes of /api/v1/voice/surveys… (never raw rows; schemas in surveys-openapi.ts). A null figure is "<5". */

export const presentSurveySummary = (s: SurveySummary) => ({
	id: s.id,
	title: s.title,
	areaName: s.areaName,
	phase: s.phase,
	opensAt: s.opensAt.toISOString(),
	closesAt: s.closesAt.toISOString(),
	answered: s.answered
});

export const presentSurveyResults = (r: SurveyResults, trend: TrendLine[]) => ({
	survey: { id: r.survey.id, title: r.survey.title, areaName: r.survey.areaName, phase: r.survey.phase, template: r.survey.template, closesAt: r.survey.closesAt.toISOString(), closedAt: r.survey.closedAt?.toISOString() ?? null },
	minimumGroup: 5,
	respondents: r.respondents,
	questions: r.questions.map((q) => ({
		id: q.id,
		position: q.position,
		kind: q.kind,
		text: q.text,
		theme: q.theme,
		source: q.source,
		templateKey: q.templateKey,
		respondents: q.respondents,
		mean: q.mean,
		agreePercent: q.agreePercent,
		answers: q.bars.map((b) => ({ key: b.key, label: b.label, count: b.count, percent: b.percent })),
		openAnswers: q.open ? (q.open.published ? q.open.texts : null) : undefined
	})),
	trend: trend.map((l) => ({ templateKey: l.templateKey, kind: l.kind, text: l.text, points: l.points.map((p) => ({ surveyId: p.surveyId, title: p.title, closedAt: p.closedAt.toISOString(), value: p.value })) }))
});
