import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { idOf, requiredIdOf } from '../shared/text';
import type { Actor } from '../people';
import { optionalText, personaIdSchema, platformMetrics, text, type ConversationFormat, type PlatformMetric } from './listen-model';
import { listeningCorporation } from './listen-policy';
import { areaNameSql } from './listen-area';
import { personaRow, type PersonaSummary } from './personas';
import { platformCounts, type PlatformCount } from './platform-counts';
import { figureWords, liveQuestions, type HeadlineFigure } from './survey-figure';

/**
 * The evidence behind a persona, one generic model: a kind, a reference and a label.
 * - quote: a quote of a conversation (shown without any name; gone when its conversation is);
 * - figure: a number with its source label, typed by staff;
 * - survey: a question of a closed survey of the corporation, its headline figure computed live
 *   with k ≥ 5 applied (survey-figure.ts). Stored as a 'figure' row with `ref_id` = the question
 *   (the table's kind check dates from migration 0145, which sorts after this part's numbers):
 *   label, value and source keep what it said when linked; the page shows the live figure;
 * - platform: a count the platform computes live (platform-counts.ts).
 * A persona is "last backed" at the moment its newest evidence was linked.
 */

export type EvidenceView =
	| { id: string; kind: 'quote'; addedAt: Date; addedBy: string; note: string | null; quote: { id: string; body: string; themes: string[]; heldOn: string; areaName: string; format: ConversationFormat } }
	| { id: string; kind: 'figure'; addedAt: Date; addedBy: string; note: string | null; figure: { label: string; value: string; source: string } }
	| { id: string; kind: 'platform'; addedAt: Date; addedBy: string; note: string | null; count: PlatformCount }
	| { id: string; kind: 'survey'; addedAt: Date; addedBy: string; note: string | null; survey: { id: string; title: string; questionId: string; question: string; figure: HeadlineFigure } | null };

export interface PersonaDetail extends PersonaSummary {
	evidence: EvidenceView[];
}

/** A persona with its evidence, the live counts computed now (a fixed number of queries). */
export async function getPersona(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor, personaId: string, locale = 'nl'): Promise<PersonaDetail> {
	const corporationId = listeningCorporation(actor);
	const persona = await personaRow(ctx.db, corporationId, personaId);
	const rows = await ctx.db.query<{
		id: string;
		kind: 'quote' | 'figure' | 'platform';
		added_at: Date;
		added_by: string;
		note: string | null;
		label: string | null;
		value: string | null;
		source: string | null;
		metric: string | null;
		ref_id: string | null;
		quote_id: string | null;
		quote_body: string | null;
		themes: string[] | null;
		held_on: string | null;
		area_name: string | null;
		format: ConversationFormat | null;
	}>(
		`SELECT e.id, e.kind, e.added_at, (SELECT a.name FROM accounts a WHERE a.id = e.added_by) AS added_by, e.note, e.label, e.value, e.source, e.metric, e.ref_id,
			q.id AS quote_id, q.body AS quote_body, to_char(c.held_on, 'YYYY-MM-DD') AS held_on, c.format, CASE WHEN c.id IS NULL THEN NULL ELSE ${areaNameSql('c')} END AS area_name,
			ARRAY(SELECT t.name FROM voice_quote_themes qt JOIN voice_themes t ON t.id = qt.theme_id WHERE qt.quote_id = q.id ORDER BY lower(t.name)) AS themes
		 FROM voice_persona_evidence e
		 LEFT JOIN voice_quotes q ON q.id = e.quote_id LEFT JOIN voice_conversations c ON c.id = q.conversation_id
		 WHERE e.persona_id = $1 ORDER BY e.added_at DESC, e.id`,
		[persona.id]
	);
	const counts = rows.some((r) => r.kind === 'platform') ? await platformCounts(ctx.db, corporationId, ctx.clock()) : null;
	const questions = await liveQuestions(ctx.db, rows.flatMap((r) => (r.kind === 'figure' && r.ref_id ? [r.ref_id] : [])), locale);
	const evidence = rows.map((r): EvidenceView => {
		const base = { id: r.id, addedAt: r.added_at, addedBy: r.added_by, note: r.note };
		if (r.kind === 'quote') return { ...base, kind: 'quote', quote: { id: r.quote_id!, body: r.quote_body!, themes: r.themes ?? [], heldOn: r.held_on!, areaName: r.area_name!, format: r.format! } };
		if (r.kind === 'figure' && r.ref_id) {
			// A question gone with its survey shows as "no longer available" (survey: null).
			const live = questions.get(r.ref_id);
			return { ...base, kind: 'survey', survey: live && live.question.corporation_id === corporationId ? { id: live.question.survey_id, title: live.question.survey_title, questionId: live.question.id, question: live.result.text, figure: live.figure } : null };
		}
		if (r.kind === 'figure') return { ...base, kind: 'figure', figure: { label: r.label!, value: r.value!, source: r.source! } };
		return { ...base, kind: 'platform', count: counts![r.metric as PlatformMetric] };
	});
	return { ...persona, evidence };
}

export const addEvidenceSchema = z.discriminatedUnion(
	'kind',
	[
		z.object({ personaId: personaIdSchema, kind: z.literal('quote'), quoteId: requiredIdOf('listen.not_found', 'listen.quote_unknown'), note: optionalText(500) }),
		z.object({ personaId: personaIdSchema, kind: z.literal('figure'), label: text(200, 'listen.figure_label_required'), value: text(40, 'listen.figure_value_required'), source: text(200, 'listen.figure_source_required'), note: optionalText(500) }),
		z.object({ personaId: personaIdSchema, kind: z.literal('platform'), metric: z.enum(platformMetrics, 'listen.metric_required'), note: optionalText(500) }),
		z.object({ personaId: personaIdSchema, kind: z.literal('survey'), questionId: z.uuid({ error: (i) => (i.input === undefined || i.input === null || i.input === '' ? 'listen.survey_question_required' : 'listen.survey_question_unknown') }), note: optionalText(500) })
	],
	{ error: 'listen.evidence_kind_required' }
);

/**
 * Staff link evidence to a persona: a quote of one of the corporation's conversations, a figure
 * with its source, a live platform count, or a question of a closed survey (its live figure).
 * Errors: listen.forbidden, listen.not_found (the persona or the quote), validation.invalid (per
 * kind; questionId → listen.survey_question_unknown for a question of an open or another
 * corporation's survey), listen.evidence_exists (409: this quote, count or question is already linked).
 */
export async function addPersonaEvidence(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; personaId: string }> {
	const corporationId = listeningCorporation(actor);
	const personaId = parseTarget(z.object({ personaId: personaIdSchema }), 'personaId', input);
	await personaRow(ctx.db, corporationId, personaId);
	const v = parseInput(addEvidenceSchema, input);
	if (v.kind === 'quote') await quoteOf(ctx.db, corporationId, v.quoteId);
	const survey = v.kind === 'survey' ? await closedQuestionOf(ctx.db, corporationId, v.questionId) : null;
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// The persona's row is the lock: two staff linking the same question at once make one row
		// (quotes and counts also have a unique index; survey questions ride on 'figure' rows).
		await tx.query('SELECT id FROM voice_personas WHERE id = $1 FOR UPDATE', [personaId]);
		const [dup] = await tx.query<{ id: string }>(
			'SELECT id FROM voice_persona_evidence WHERE persona_id = $1 AND (quote_id = $2::uuid OR metric = $3::text OR ref_id = $4::uuid)',
			[personaId, v.kind === 'quote' ? v.quoteId : null, v.kind === 'platform' ? v.metric : null, survey?.questionId ?? null]
		);
		if (dup) throw new DomainError('listen.evidence_exists');
		const [row] = await tx.query<{ id: string }>(
			`INSERT INTO voice_persona_evidence (persona_id, kind, quote_id, metric, ref_id, label, value, source, note, added_by, added_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			[
				personaId,
				v.kind === 'survey' ? 'figure' : v.kind,
				v.kind === 'quote' ? v.quoteId : null,
				v.kind === 'platform' ? v.metric : null,
				survey?.questionId ?? null,
				v.kind === 'figure' ? v.label : (survey?.label ?? null),
				v.kind === 'figure' ? v.value : (survey?.value ?? null),
				v.kind === 'figure' ? v.source : (survey?.source ?? null),
				v.note ?? null,
				actor.accountId,
				at
			]
		);
		return { id: row.id, personaId };
	});
}

export const removeEvidenceSchema = z.object({ personaId: personaIdSchema, evidenceId: idOf('listen.not_found') });

/** Staff unlink evidence from a persona. Errors: listen.forbidden, listen.not_found. */
export async function removePersonaEvidence(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const corporationId = listeningCorporation(actor);
	const personaId = parseTarget(removeEvidenceSchema, 'personaId', input);
	await personaRow(ctx.db, corporationId, personaId);
	const v = parseInput(removeEvidenceSchema, input);
	const gone = await ctx.db.query<{ id: string }>('DELETE FROM voice_persona_evidence WHERE id = $1 AND persona_id = $2 RETURNING id', [v.evidenceId, personaId]);
	if (!gone.length) throw new DomainError('listen.not_found');
}

/** A question of one of the corporation's closed surveys, with what its figure says now (k ≥ 5 applied). */
async function closedQuestionOf(q: Queryable, corporationId: string, questionId: string) {
	const live = (await liveQuestions(q, [questionId], 'nl')).get(questionId);
	if (!live || live.question.corporation_id !== corporationId || !live.question.closed) throw new DomainError('validation.invalid', {}, { questionId: 'listen.survey_question_unknown' });
	return { questionId, label: live.result.text.slice(0, 200), value: figureWords(live.figure), source: live.question.survey_title.slice(0, 200) };
}

/** The corporation's closed surveys with their questions, newest first: what a persona can link (one statement). */
export async function closedSurveyQuestions(q: Queryable, actor: Actor, locale: string): Promise<{ id: string; title: string; questions: { id: string; text: string }[] }[]> {
	const corporationId = listeningCorporation(actor);
	const rows = await q.query<{ survey_id: string; title: string; id: string; text_nl: string; text_en: string }>(
		`SELECT s.id AS survey_id, s.title, qq.id, qq.text_nl, qq.text_en FROM voice_surveys s JOIN voice_survey_questions qq ON qq.survey_id = s.id
		 WHERE s.id IN (SELECT id FROM voice_surveys WHERE corporation_id = $1 AND closed_at IS NOT NULL ORDER BY closed_at DESC, id LIMIT 20)
		 ORDER BY s.closed_at DESC, s.id, qq.position`,
		[corporationId]
	);
	const out: { id: string; title: string; questions: { id: string; text: string }[] }[] = [];
	for (const r of rows) {
		let s = out.find((x) => x.id === r.survey_id);
		if (!s) out.push((s = { id: r.survey_id, title: r.title, questions: [] }));
		s.questions.push({ id: r.id, text: (locale === 'en' && r.text_en) || r.text_nl });
	}
	return out;
}

async function quoteOf(q: Queryable, corporationId: string, quoteId: string) {
	const [row] = await q.query<{ id: string }>('SELECT id FROM voice_quotes WHERE id = $1 AND corporation_id = $2', [quoteId, corporationId]);
	if (!row) throw new DomainError('validation.invalid', {}, { quoteId: 'listen.quote_unknown' });
	return row;
}
