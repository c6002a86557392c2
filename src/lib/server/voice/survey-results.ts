import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { K_MIN, agreePoints, gradePoints, optionText, questionText, type QuestionKind, type QuestionRow, type SurveyPhase, type SurveyRow, type Theme } from './survey-model';
import { canManageSurvey, canReview, seesResults } from './survey-policy';
import { surveyQuestions, visibleSurvey } from './survey-store';

/**
 * Results, with k-anonymity everywhere (page, CSV, API, action inputs): counts and percentages
 * only, and any figure that comes from fewer than K_MIN (5) people is null — shown as "<5". A
 * question answered by fewer than 5 shows nothing but "<5"; an option chosen by fewer than 5 has
 * neither count nor percentage (the one would give the other away). Open answers are shown only
 * when at least 5 people answered the question and staff reviewed and published them.
 */

/** A figure, or null when fewer than 5 people are behind it. */
export const kSafe = (n: number): number | null => (n >= K_MIN ? n : null);

export interface Bar {
	/** 1–10, 1–5, or the option key. */
	key: string;
	/** The option's words; grades and agree points are worded by the page. */
	label: string;
	count: number | null;
	percent: number | null;
}

export interface QuestionResult {
	id: string;
	position: number;
	kind: QuestionKind;
	text: string;
	theme: Theme | null;
	source: string | null;
	templateKey: string | null;
	/** How many answered this question; null = fewer than 5. */
	respondents: number | null;
	bars: Bar[];
	/** Grade: the mean (one decimal); agree: the share that agrees or totally agrees. */
	mean: number | null;
	agreePercent: number | null;
	/** Open questions: the published answers (as reviewed), and — for staff — how many wait for review. */
	open: { published: boolean; texts: string[]; unreviewed: number | null } | null;
}

export interface SurveyResults {
	survey: { id: string; title: string; intro: string; areaName: string; phase: SurveyPhase; template: string | null; opensAt: Date; closesAt: Date; closedAt: Date | null; corporationId: string; buurtId: string | null };
	/** Households that answered; null = fewer than 5. */
	respondents: number | null;
	/** Staff only: how many came on paper (null = fewer than 5, or not staff). */
	paper: number | null;
	questions: QuestionResult[];
	can: { manage: boolean; review: boolean };
}

export interface Tallies {
	/** Per question: how many answered it. */
	answered: Map<string, number>;
	/** Per question: count per value (grade, agree point or option key). */
	values: Map<string, Map<string, number>>;
}

const pct = (n: number, of: number) => Math.round((100 * n) / of);

/** One question's figures from its tallies (pure; the k ≥ 5 rule lives here). */
export function questionResult(q: QuestionRow, t: Tallies, locale: string, open?: { texts: string[]; unreviewed: number | null }): QuestionResult {
	const answered = t.answered.get(q.id) ?? 0;
	const n = kSafe(answered);
	const counts = t.values.get(q.id) ?? new Map<string, number>();
	const keys = q.kind === 'grade' ? gradePoints.map(String) : q.kind === 'agree' ? agreePoints.map(String) : q.options.map((o) => o.key);
	const bars: Bar[] =
		q.kind === 'open'
			? []
			: keys.map((key) => {
					const c = n === null ? null : kSafe(counts.get(key) ?? 0);
					const option = q.options.find((o) => o.key === key);
					return { key, label: option ? optionText(option, locale) : key, count: c, percent: c === null ? null : pct(c, answered) };
				});
	let mean: number | null = null;
	let agreePercent: number | null = null;
	if (n !== null && q.kind === 'grade') mean = Math.round((10 * [...counts].reduce((s, [k, c]) => s + Number(k) * c, 0)) / answered) / 10;
	if (n !== null && q.kind === 'agree') {
		const agreeing = (counts.get('4') ?? 0) + (counts.get('5') ?? 0);
		agreePercent = kSafe(agreeing) === null ? null : pct(agreeing, answered);
	}
	return {
		id: q.id,
		position: q.position,
		kind: q.kind,
		text: questionText(q, locale),
		theme: q.theme,
		source: q.source,
		templateKey: q.template_key,
		respondents: n,
		bars,
		mean,
		agreePercent,
		open: q.kind === 'open' ? { published: !!q.open_published_at && n !== null, texts: q.open_published_at && n !== null ? (open?.texts ?? []) : [], unreviewed: open?.unreviewed ?? null } : null
	};
}

/** Every question's tallies of the given surveys in one statement (counts only, never rows). */
export async function tallies(q: Queryable, surveyIds: string[]): Promise<Tallies> {
	const rows = await q.query<{ question_id: string; what: string; value: string | null; n: number }>(
		`SELECT a.question_id, 'n' AS what, NULL::text AS value, count(*)::int AS n FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id WHERE r.survey_id = ANY($1::uuid[]) GROUP BY a.question_id
		 UNION ALL SELECT a.question_id, 'v', COALESCE(a.grade, a.agree)::text, count(*)::int FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id
		   WHERE r.survey_id = ANY($1::uuid[]) AND (a.grade IS NOT NULL OR a.agree IS NOT NULL) GROUP BY a.question_id, COALESCE(a.grade, a.agree)
		 UNION ALL SELECT a.question_id, 'v', c, count(*)::int FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id, unnest(a.choices) AS c
		   WHERE r.survey_id = ANY($1::uuid[]) GROUP BY a.question_id, c`,
		[surveyIds]
	);
	const t: Tallies = { answered: new Map(), values: new Map() };
	for (const r of rows) {
		if (r.what === 'n') t.answered.set(r.question_id, r.n);
		else {
			if (!t.values.has(r.question_id)) t.values.set(r.question_id, new Map());
			t.values.get(r.question_id)!.set(r.value!, r.n);
		}
	}
	return t;
}

/** The open answers as reviewed (shown or redacted; hidden ones left out), per question, and how many wait. */
async function openTexts(q: Queryable, surveyId: string): Promise<Map<string, { texts: string[]; unreviewed: number }>> {
	const rows = await q.query<{ question_id: string; text: string | null; reviewed: boolean }>(
		`SELECT a.question_id, CASE v.decision WHEN 'show' THEN a.body WHEN 'redact' THEN v.shown_text END AS text, v.answer_id IS NOT NULL AS reviewed
		 FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id LEFT JOIN voice_open_reviews v ON v.answer_id = a.id
		 WHERE r.survey_id = $1 AND a.body IS NOT NULL ORDER BY a.id`,
		[surveyId]
	);
	const out = new Map<string, { texts: string[]; unreviewed: number }>();
	for (const r of rows) {
		const e = out.get(r.question_id) ?? { texts: [], unreviewed: 0 };
		if (!r.reviewed) e.unreviewed++;
		else if (r.text) e.texts.push(r.text);
		out.set(r.question_id, e);
	}
	return out;
}

/**
 * A survey's results for whoever may read them (staff of the corporation once published; the
 * audience and the tenants' association after the close). Errors: voice.survey_not_found,
 * voice.results_not_found (404: a draft, or not closed yet for members).
 */
export async function getSurveyResults(q: Queryable, actor: Actor, surveyId: string, now: Date, locale: string): Promise<SurveyResults> {
	const { survey: s, facts } = await visibleSurvey(q, actor, surveyId, now);
	if (!seesResults(actor, s, facts)) throw new DomainError('voice.results_not_found');
	const manage = canManageSurvey(actor, s);
	const [questions, t, open, [counts]] = await Promise.all([
		surveyQuestions(q, s.id),
		tallies(q, [s.id]),
		openTexts(q, s.id),
		q.query<{ total: number; paper: number }>(`SELECT count(*)::int AS total, count(*) FILTER (WHERE via = 'paper')::int AS paper FROM voice_survey_respondents WHERE survey_id = $1`, [s.id])
	]);
	return {
		survey: surveyHead(s, facts.phase),
		respondents: kSafe(counts.total),
		paper: manage ? kSafe(counts.paper) : null,
		questions: questions.map((qq) => {
			const o = open.get(qq.id);
			return questionResult(qq, t, locale, { texts: o?.texts ?? [], unreviewed: manage ? (o?.unreviewed ?? 0) : null });
		}),
		can: { manage, review: canReview(actor, s, facts) }
	};
}

export const surveyHead = (s: SurveyRow, phase: SurveyPhase): SurveyResults['survey'] => ({
	id: s.id,
	title: s.title,
	intro: s.intro,
	areaName: s.area_name,
	phase,
	template: s.template,
	opensAt: new Date(s.opens_at),
	closesAt: new Date(s.closes_at),
	closedAt: s.closed_at ? new Date(s.closed_at) : null,
	corporationId: s.corporation_id,
	buurtId: s.buurt_id
});

/** One row of the CSV export per bar (or per question for open ones); "<5" where a figure is suppressed. */
export function resultsCsv(r: SurveyResults, words: { agree: (n: number) => string; suppressed: string; header: string[] }): string {
	const cell = (v: string | number | null) => {
		const s = v === null ? words.suppressed : String(v);
		return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	const lines = [words.header.map(cell).join(',')];
	for (const q of r.questions) {
		if (q.kind === 'open') {
			lines.push([q.position, q.text, q.kind, '', q.respondents, '', q.respondents].map(cell).join(','));
			continue;
		}
		for (const b of q.bars) lines.push([q.position, q.text, q.kind, q.kind === 'agree' ? words.agree(Number(b.key)) : b.label, b.count, b.percent, q.respondents].map(cell).join(','));
	}
	return lines.join('\r\n') + '\r\n';
}
