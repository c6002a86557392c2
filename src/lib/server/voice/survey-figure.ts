import type { Queryable } from '../db/client';
import type { QuestionRow } from './survey-model';
import { questionResult, tallies, type QuestionResult } from './survey-results';

/**
 * A survey question's headline figure, wherever it is shown outside the results page (an action's
 * input, a persona's evidence): computed live through questionResult, so k ≥ 5 is applied the same
 * way — fewer than 5 respondents (or an option chosen by fewer than 5) has no value, only "<5".
 */
export interface HeadlineFigure {
	kind: 'grade' | 'agree' | 'choice' | 'open';
	value: number | null;
	option?: string;
	respondents: number | null;
}

export function headlineFigure(r: QuestionResult): HeadlineFigure {
	if (r.kind === 'grade') return { kind: 'grade', value: r.mean, respondents: r.respondents };
	if (r.kind === 'agree') return { kind: 'agree', value: r.agreePercent, respondents: r.respondents };
	if (r.kind === 'open') return { kind: 'open', value: r.respondents, respondents: r.respondents };
	const top = [...r.bars].filter((b) => b.count !== null).sort((a, b) => b.count! - a.count!)[0];
	return { kind: 'choice', value: top?.percent ?? null, option: top?.label, respondents: r.respondents };
}

/** The figure as short words (stored beside persona evidence as what it said when linked). */
export function figureWords(f: HeadlineFigure): string {
	if (f.respondents === null || f.value === null) return '<5';
	if (f.kind === 'grade') return f.value.toFixed(1).replace('.', ',');
	if (f.kind === 'open') return String(f.value);
	return `${f.value}%`;
}

export type LiveQuestion = QuestionRow & { survey_title: string; corporation_id: string; closed: boolean };

/** The questions with their surveys' titles, and the tallies of those surveys: two statements for any number. */
export async function liveQuestions(q: Queryable, questionIds: string[], locale: string): Promise<Map<string, { question: LiveQuestion; result: QuestionResult; figure: HeadlineFigure }>> {
	const out = new Map<string, { question: LiveQuestion; result: QuestionResult; figure: HeadlineFigure }>();
	if (!questionIds.length) return out;
	const rows = await q.query<LiveQuestion>(
		`SELECT qq.id, qq.survey_id, qq.position, qq.kind, qq.text_nl, qq.text_en, qq.required, qq.options, qq.template_key, qq.theme, qq.source, qq.open_published_at,
			s.title AS survey_title, s.corporation_id, s.closed_at IS NOT NULL AS closed
		 FROM voice_survey_questions qq JOIN voice_surveys s ON s.id = qq.survey_id WHERE qq.id = ANY($1::uuid[])`,
		[questionIds]
	);
	if (!rows.length) return out;
	const t = await tallies(q, [...new Set(rows.map((r) => r.survey_id))]);
	for (const row of rows) {
		const result = questionResult(row, t, locale);
		out.set(row.id, { question: row, result, figure: headlineFigure(result) });
	}
	return out;
}
