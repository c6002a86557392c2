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

/**
 * The evidence behind a persona, one generic model: a kind, a reference and a label.
 * - quote: a quote of a conversation (shown without any name; gone when its conversation is);
 * - figure: a number with its source label, typed by staff (survey results until surveys link
 *   their own results as a later kind with `ref_id`);
 * - platform: a count the platform computes live (platform-counts.ts).
 * A persona is "last backed" at the moment its newest evidence was linked.
 */

export type EvidenceView =
	| { id: string; kind: 'quote'; addedAt: Date; addedBy: string; note: string | null; quote: { id: string; body: string; themes: string[]; heldOn: string; areaName: string; format: ConversationFormat } }
	| { id: string; kind: 'figure'; addedAt: Date; addedBy: string; note: string | null; figure: { label: string; value: string; source: string } }
	| { id: string; kind: 'platform'; addedAt: Date; addedBy: string; note: string | null; count: PlatformCount };

export interface PersonaDetail extends PersonaSummary {
	evidence: EvidenceView[];
}

/** A persona with its evidence, the live counts computed now (a fixed number of queries). */
export async function getPersona(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor, personaId: string): Promise<PersonaDetail> {
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
		quote_id: string | null;
		quote_body: string | null;
		themes: string[] | null;
		held_on: string | null;
		area_name: string | null;
		format: ConversationFormat | null;
	}>(
		`SELECT e.id, e.kind, e.added_at, (SELECT a.name FROM accounts a WHERE a.id = e.added_by) AS added_by, e.note, e.label, e.value, e.source, e.metric,
			q.id AS quote_id, q.body AS quote_body, to_char(c.held_on, 'YYYY-MM-DD') AS held_on, c.format, CASE WHEN c.id IS NULL THEN NULL ELSE ${areaNameSql('c')} END AS area_name,
			ARRAY(SELECT t.name FROM voice_quote_themes qt JOIN voice_themes t ON t.id = qt.theme_id WHERE qt.quote_id = q.id ORDER BY lower(t.name)) AS themes
		 FROM voice_persona_evidence e
		 LEFT JOIN voice_quotes q ON q.id = e.quote_id LEFT JOIN voice_conversations c ON c.id = q.conversation_id
		 WHERE e.persona_id = $1 ORDER BY e.added_at DESC, e.id`,
		[persona.id]
	);
	const counts = rows.some((r) => r.kind === 'platform') ? await platformCounts(ctx.db, corporationId, ctx.clock()) : null;
	const evidence = rows.map((r): EvidenceView => {
		const base = { id: r.id, addedAt: r.added_at, addedBy: r.added_by, note: r.note };
		if (r.kind === 'quote') return { ...base, kind: 'quote', quote: { id: r.quote_id!, body: r.quote_body!, themes: r.themes ?? [], heldOn: r.held_on!, areaName: r.area_name!, format: r.format! } };
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
		z.object({ personaId: personaIdSchema, kind: z.literal('platform'), metric: z.enum(platformMetrics, 'listen.metric_required'), note: optionalText(500) })
	],
	{ error: 'listen.evidence_kind_required' }
);

/**
 * Staff link evidence to a persona: a quote of one of the corporation's conversations, a figure
 * with its source, or a live platform count. Errors: listen.forbidden, listen.not_found (the
 * persona or the quote), validation.invalid (per kind), listen.evidence_exists (409: this quote
 * or count is already linked).
 */
export async function addPersonaEvidence(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; personaId: string }> {
	const corporationId = listeningCorporation(actor);
	const personaId = parseTarget(z.object({ personaId: personaIdSchema }), 'personaId', input);
	await personaRow(ctx.db, corporationId, personaId);
	const v = parseInput(addEvidenceSchema, input);
	if (v.kind === 'quote') await quoteOf(ctx.db, corporationId, v.quoteId);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [dup] = await tx.query<{ id: string }>(
			'SELECT id FROM voice_persona_evidence WHERE persona_id = $1 AND (quote_id = $2::uuid OR metric = $3::text)',
			[personaId, v.kind === 'quote' ? v.quoteId : null, v.kind === 'platform' ? v.metric : null]
		);
		if (dup) throw new DomainError('listen.evidence_exists');
		const [row] = await tx.query<{ id: string }>(
			`INSERT INTO voice_persona_evidence (persona_id, kind, quote_id, metric, label, value, source, note, added_by, added_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			[
				personaId,
				v.kind,
				v.kind === 'quote' ? v.quoteId : null,
				v.kind === 'platform' ? v.metric : null,
				v.kind === 'figure' ? v.label : null,
				v.kind === 'figure' ? v.value : null,
				v.kind === 'figure' ? v.source : null,
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

async function quoteOf(q: Queryable, corporationId: string, quoteId: string) {
	const [row] = await q.query<{ id: string }>('SELECT id FROM voice_quotes WHERE id = $1 AND corporation_id = $2', [quoteId, corporationId]);
	if (!row) throw new DomainError('validation.invalid', {}, { quoteId: 'listen.quote_unknown' });
	return row;
}
