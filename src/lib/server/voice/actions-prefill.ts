import type { Queryable } from '../db/client';
import { DomainError, isDomainError } from '../shared/errors';
import { staffCorporationIds, type Actor } from '../people';
import { listStaffQueue } from '../reports';
import { areaValue } from './survey-area';
import { questionResult, tallies } from './survey-results';
import { visibleSurvey } from './survey-store';
import { canManageSurvey, seesResults } from './survey-policy';
import type { QuestionRow } from './survey-model';
import type { InputKind } from './actions-model';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The most inputs one action takes (recordActionSchema). */
const MAX_INPUTS = 20;

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

/** A prefilled input: what the form sends as it is, and what the page shows. */
export interface PrefillInput {
	kind: InputKind;
	ref: string;
	label: string;
}

/**
 * "Start an action from this theme": the theme as the first input (members will read its name and
 * quotes) and how many quotes carry it. The area stays for staff to choose (a theme is the
 * corporation's, its quotes from many places). Errors: voice.not_found.
 */
export async function actionPrefillFromTheme(q: Queryable, actor: Actor, themeId: string) {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId || !uuid.test(themeId)) throw new DomainError('voice.not_found');
	const [t] = await q.query<{ id: string; name: string; quotes: number }>(
		'SELECT t.id, t.name, (SELECT count(*)::int FROM voice_quote_themes qt WHERE qt.theme_id = t.id) AS quotes FROM voice_themes t WHERE t.id = $1 AND t.corporation_id = $2',
		[themeId, corporationId]
	);
	if (!t) throw new DomainError('voice.not_found');
	return { area: null, theme: { name: t.name, quotes: t.quotes }, inputs: [{ kind: 'conversation_theme', ref: t.id, label: t.name }] as PrefillInput[] };
}

/**
 * "Start an action from this melding cluster" (a category in a buurt, as the staff queue filters
 * it): the buurt as the area and its meldingen of that category as the inputs — open ones first,
 * at most 20 (an action's limit) — read through the reports module's own queue. Errors:
 * voice.not_found (not staff, or a buurt or category that is not the corporation's: no meldingen).
 */
export async function actionPrefillFromReports(q: Queryable, actor: Actor, categoryId: string, buurtId: string, now: Date, locale: string) {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId || !uuid.test(categoryId) || !uuid.test(buurtId)) throw new DomainError('voice.not_found');
	const views = await listStaffQueue(q, actor, { corporationId, categoryId, buurtId }, now).catch((err) => {
		if (isDomainError(err)) throw new DomainError('voice.not_found');
		throw err;
	});
	if (!views.length) throw new DomainError('voice.not_found');
	const category = (r: (typeof views)[number]['row']) => (locale === 'en' && r.category_name_en) || r.category_name_nl;
	const reports = views.slice(0, MAX_INPUTS);
	return {
		area: `buurt:${buurtId}`,
		cluster: { category: category(reports[0].row), buurt: reports[0].row.buurt_name, count: reports.length, open: reports.filter((r) => !r.row.closed_at).length },
		inputs: reports.map((r) => ({ kind: 'report', ref: r.row.id, label: `${category(r.row)} · ${new Date(r.row.created_at).toISOString().slice(0, 10)}` })) as PrefillInput[]
	};
}

/**
 * "Start an action from this advice" after the corporation's reasoned reply: the request's area and
 * the reply as the first input. Errors: voice.not_found (not the corporation's, or not replied yet).
 */
export async function actionPrefillFromAdvice(q: Queryable, actor: Actor, requestId: string) {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId || !uuid.test(requestId)) throw new DomainError('voice.not_found');
	const [r] = await q.query<{ id: string; subject: string; area_kind: 'wijk' | 'buurt' | 'complex'; wijk_code: string; buurt_id: string | null; complex_id: string | null }>(
		'SELECT id, subject, area_kind, wijk_code, buurt_id, complex_id FROM voice_advice_requests WHERE id = $1 AND corporation_id = $2 AND replied_at IS NOT NULL',
		[requestId, corporationId]
	);
	if (!r) throw new DomainError('voice.not_found');
	return { area: areaValue(r), advice: { id: r.id, subject: r.subject }, inputs: [{ kind: 'advice_reply', ref: r.id, label: r.subject }] as PrefillInput[] };
}

/**
 * What the action forms offer to pick without pasting a link (no JavaScript needed): the
 * corporation's active themes and the advice requests it has replied to, newest first.
 */
export async function actionInputChoices(q: Queryable, actor: Actor): Promise<{ themes: { id: string; name: string }[]; advice: { id: string; subject: string }[] }> {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId) throw new DomainError('voice.forbidden');
	const [themes, advice] = await Promise.all([
		q.query<{ id: string; name: string }>('SELECT id, name FROM voice_themes WHERE corporation_id = $1 AND archived_at IS NULL ORDER BY lower(name) LIMIT 100', [corporationId]),
		q.query<{ id: string; subject: string }>('SELECT id, subject FROM voice_advice_requests WHERE corporation_id = $1 AND replied_at IS NOT NULL ORDER BY replied_at DESC, id LIMIT 50', [corporationId])
	]);
	return { themes, advice };
}

/** A picked choice (`conversation_theme:<id>`, `advice_reply:<id>`) as an input's kind and reference. */
export function pickedInput(pick: string | undefined): { kind: InputKind; ref: string } | null {
	const m = pick?.match(/^(conversation_theme|advice_reply):([0-9a-f-]{36})$/i);
	return m ? { kind: m[1] as InputKind, ref: m[2] } : null;
}
