import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { doneParam, pageLoad } from '$lib/server/web/input';
import { addPersonaEvidence, closedSurveyQuestions, getPersona, listQuotes, listThemes, platformMetrics, removePersonaEvidence, savePersona } from '$lib/server/voice';

const personaFieldNames = ['nameNl', 'nameEn', 'aboutNl', 'aboutEn', 'needsNl', 'needsEn'] as const;

/**
 * One persona: its words (editable in both languages) and its evidence — quotes, figures and
 * live counts — with "last backed". Quotes to link are listed by theme (`?theme=`, a GET form).
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	const persona = await getPersona(ctx, actor, event.params.id, event.locals.locale);
	const themes = await listThemes(ctx.db, actor);
	const theme = themes.find((x) => x.id === event.url.searchParams.get('theme'))?.id;
	const linked = new Set(persona.evidence.flatMap((e) => (e.kind === 'quote' ? [e.quote.id] : [])));
	const quotes = (await listQuotes(ctx.db, actor, { themeId: theme, limit: 30 })).filter((q) => !linked.has(q.id));
	const usedQuestions = new Set(persona.evidence.flatMap((e) => (e.kind === 'survey' && e.survey ? [e.survey.questionId] : [])));
	const surveys = (await closedSurveyQuestions(ctx.db, actor, event.locals.locale)).map((s) => ({ ...s, questions: s.questions.filter((q) => !usedQuestions.has(q.id)) })).filter((s) => s.questions.length);
	const usedMetrics = new Set(persona.evidence.flatMap((e) => (e.kind === 'platform' ? [e.count.metric] : [])));
	return { persona, themes, theme: theme ?? '', quotes, metrics: platformMetrics.filter((m) => !usedMetrics.has(m)), surveys, done: doneParam(event.url, ['created']) };
});

type Event = Parameters<Actions[string]>[0];
/** Each form names itself in a hidden `form` field, so a refused one shows its message next to itself. */
const act = <R>(fn: (event: Event, data: FormData) => Promise<R>) => (event: Event) => runForm(event, (data) => fn(event, data));

export const actions: Actions = {
	save: act(async (event, data) => {
		const { actor } = requireStaff(event);
		await savePersona(event.locals.ctx, actor, { personaId: event.params.id, ...Object.fromEntries(personaFieldNames.map((n) => [n, str(data, n) ?? ''])) });
		return { done: 'saved', form: 'save' };
	}),
	linkQuote: act(async (event, data) => {
		const { actor } = requireStaff(event);
		await addPersonaEvidence(event.locals.ctx, actor, { personaId: event.params.id, kind: 'quote', quoteId: str(data, 'quoteId'), note: str(data, 'note') });
		return { done: 'linked', form: 'quote' };
	}),
	addFigure: act(async (event, data) => {
		const { actor } = requireStaff(event);
		await addPersonaEvidence(event.locals.ctx, actor, { personaId: event.params.id, kind: 'figure', label: str(data, 'label') ?? '', value: str(data, 'value') ?? '', source: str(data, 'source') ?? '', note: str(data, 'note') });
		return { done: 'figure', form: 'figure' };
	}),
	addSurvey: act(async (event, data) => {
		const { actor } = requireStaff(event);
		await addPersonaEvidence(event.locals.ctx, actor, { personaId: event.params.id, kind: 'survey', questionId: str(data, 'questionId') ?? '', note: str(data, 'note') });
		return { done: 'survey', form: 'survey' };
	}),
	addCount: act(async (event, data) => {
		const { actor } = requireStaff(event);
		await addPersonaEvidence(event.locals.ctx, actor, { personaId: event.params.id, kind: 'platform', metric: str(data, 'metric') ?? '', note: str(data, 'note') });
		return { done: 'count', form: 'count' };
	}),
	remove: act(async (event, data) => {
		const { actor } = requireStaff(event);
		await removePersonaEvidence(event.locals.ctx, actor, { personaId: event.params.id, evidenceId: str(data, 'evidenceId') });
		return { done: 'removed', form: 'remove' };
	})
};
