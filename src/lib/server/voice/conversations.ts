import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { areaSchema, checkbox, conversationFormats, conversationIdSchema, dutchDay, isoDate, optionalText, text, themeIdSchema, type AreaKind, type ConversationFormat } from './listen-model';
import { listeningCorporation } from './listen-policy';
import { areaNameSql, resolveArea } from './listen-area';
import { checkThemes } from './themes';

/**
 * Wijkgesprekken: staff record a conversation with a resident, with the resident's consent
 * choices. Least data by design (and checked by the database as well):
 * - no name unless the resident agreed, and then only a first name (one word);
 * - notes only when the resident agreed that notes are kept; quotes only when they agreed that
 *   quotes are used anonymously. Typed notes or quotes without that consent are refused with a
 *   message (nothing is stored), so nothing is kept by accident and nothing is lost unseen.
 */

export const quoteInputSchema = z.object({
	body: text(1000, 'listen.quote_required'),
	themeIds: z.array(themeIdSchema).max(10).default([])
});

const idempotencyKey = z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, 'listen.idempotency_key_invalid').optional();

export const recordConversationSchema = z.object({
	heldOn: isoDate('listen.held_on_required'),
	area: areaSchema,
	format: z.enum(conversationFormats, 'listen.format_required'),
	consentNotes: checkbox.default(false),
	consentQuotes: checkbox.default(false),
	consentName: checkbox.default(false),
	firstName: optionalText(40),
	notes: optionalText(8000),
	quotes: z.array(quoteInputSchema).max(20).default([]),
	idempotencyKey
});

export type RecordConversationInput = z.input<typeof recordConversationSchema>;

/**
 * Staff record a conversation. Errors: listen.forbidden (not staff), validation.invalid
 * (heldOn → listen.held_on_required | listen.date_invalid | listen.held_on_future; area →
 * listen.area_required; format; firstName → listen.name_without_consent | listen.first_name_only;
 * notes → listen.notes_without_consent; quotes → listen.quotes_without_consent; quotes.N.body,
 * quotes.N.themeIds → listen.theme_unknown), listen.idempotency_mismatch.
 */
export async function recordConversation(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const corporationId = listeningCorporation(actor);
	const v = parseInput(recordConversationSchema, input);
	const fields: Record<string, string> = {};
	const today = dutchDay(ctx.clock());
	if (v.heldOn > today) fields.heldOn = 'listen.held_on_future';
	if (v.firstName && !v.consentName) fields.firstName = 'listen.name_without_consent';
	else if (v.firstName && !/^[\p{L}][\p{L}'’-]*$/u.test(v.firstName)) fields.firstName = 'listen.first_name_only';
	if (v.notes && !v.consentNotes) fields.notes = 'listen.notes_without_consent';
	if (v.quotes.length && !v.consentQuotes) fields.quotes = 'listen.quotes_without_consent';
	if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
	const area = await resolveArea(ctx.db, corporationId, v.area);
	for (const [i, q] of v.quotes.entries()) await checkThemes(ctx.db, corporationId, q.themeIds, `quotes.${i}.themeIds`);
	const at = ctx.clock();
	return ctx.db.transaction((tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'listen.conversation', input: v, at }, async () => {
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO voice_conversations (corporation_id, held_on, area_kind, wijk_code, buurt_id, complex_id, format, consent_notes, consent_quotes, consent_name, resident_first_name, notes, recorded_by, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
				[corporationId, v.heldOn, area.kind, area.wijkCode, area.buurtId, area.complexId, v.format, v.consentNotes, v.consentQuotes, v.consentName, v.consentName ? (v.firstName ?? null) : null, v.consentNotes ? (v.notes ?? null) : null, actor.accountId, at]
			);
			for (const q of v.quotes) await insertQuote(tx, corporationId, row.id, q.body, q.themeIds, at);
			return { id: row.id };
		})
	);
}

async function insertQuote(tx: Queryable, corporationId: string, conversationId: string, body: string, themeIds: string[], at: Date): Promise<string> {
	const [q] = await tx.query<{ id: string }>('INSERT INTO voice_quotes (conversation_id, corporation_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [conversationId, corporationId, body, at]);
	if (themeIds.length) await tx.query('INSERT INTO voice_quote_themes (quote_id, theme_id) SELECT $1, unnest($2::uuid[])', [q.id, themeIds]);
	return q.id;
}

export const addQuoteSchema = z.object({ conversationId: conversationIdSchema, body: quoteInputSchema.shape.body, themeIds: quoteInputSchema.shape.themeIds, idempotencyKey });

/**
 * Staff add a quote to a conversation whose resident agreed to quotes. Errors: listen.not_found,
 * listen.forbidden, listen.quotes_not_allowed (409: no consent), validation.invalid.
 */
export async function addQuote(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; conversationId: string }> {
	const corporationId = listeningCorporation(actor);
	const conversationId = parseTarget(addQuoteSchema, 'conversationId', input);
	const c = await conversationRow(ctx.db, corporationId, conversationId);
	if (!c.consent_quotes) throw new DomainError('listen.quotes_not_allowed');
	const v = parseInput(addQuoteSchema, input);
	const themeIds = await checkThemes(ctx.db, corporationId, v.themeIds, 'themeIds');
	const at = ctx.clock();
	return ctx.db.transaction((tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'listen.quote', input: v, at }, async () => ({
			id: await insertQuote(tx, corporationId, conversationId, v.body, themeIds, at),
			conversationId
		}))
	);
}

export const deleteConversationSchema = z.object({ conversationId: conversationIdSchema });

/**
 * Staff delete a conversation (the resident withdrew their consent, or it was recorded by
 * mistake): its notes, quotes and the quotes' places as persona evidence go with it.
 */
export async function deleteConversation(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const corporationId = listeningCorporation(actor);
	const conversationId = parseTarget(deleteConversationSchema, 'conversationId', input);
	await conversationRow(ctx.db, corporationId, conversationId);
	await ctx.db.query('DELETE FROM voice_conversations WHERE id = $1', [conversationId]);
}

interface ConversationRow {
	id: string;
	held_on: string;
	area_kind: AreaKind;
	area_name: string;
	format: ConversationFormat;
	consent_notes: boolean;
	consent_quotes: boolean;
	consent_name: boolean;
	resident_first_name: string | null;
	notes: string | null;
	recorded_by_name: string;
	created_at: Date;
	quote_count: number;
}

const conversationColumns = `c.id, to_char(c.held_on, 'YYYY-MM-DD') AS held_on, c.area_kind, ${areaNameSql('c')} AS area_name, c.format, c.consent_notes, c.consent_quotes, c.consent_name,
	c.resident_first_name, c.notes, (SELECT a.name FROM accounts a WHERE a.id = c.recorded_by) AS recorded_by_name, c.created_at,
	(SELECT count(*)::int FROM voice_quotes q WHERE q.conversation_id = c.id) AS quote_count`;

async function conversationRow(q: Queryable, corporationId: string, id: string): Promise<ConversationRow> {
	const [c] = await q.query<ConversationRow>(`SELECT ${conversationColumns} FROM voice_conversations c WHERE c.id = $1 AND c.corporation_id = $2`, [id, corporationId]);
	if (!c) throw new DomainError('listen.not_found');
	return c;
}

export interface ConversationSummary {
	id: string;
	heldOn: string;
	areaKind: AreaKind;
	areaName: string;
	format: ConversationFormat;
	consent: { notes: boolean; quotes: boolean; name: boolean };
	firstName: string | null;
	recordedBy: string;
	quoteCount: number;
}

export interface QuoteView {
	id: string;
	body: string;
	themes: { id: string; name: string }[];
	conversationId: string;
	heldOn: string;
	areaName: string;
	format: ConversationFormat;
}

const summaryOf = (c: ConversationRow): ConversationSummary => ({
	id: c.id,
	heldOn: c.held_on,
	areaKind: c.area_kind,
	areaName: c.area_name,
	format: c.format,
	consent: { notes: c.consent_notes, quotes: c.consent_quotes, name: c.consent_name },
	firstName: c.resident_first_name,
	recordedBy: c.recorded_by_name,
	quoteCount: c.quote_count
});

/** The corporation's conversations, newest first (one query; 100 a page). */
export async function listConversations(db: Queryable, actor: Actor, opts: { limit?: number } = {}): Promise<ConversationSummary[]> {
	const corporationId = listeningCorporation(actor);
	const rows = await db.query<ConversationRow>(`SELECT ${conversationColumns} FROM voice_conversations c WHERE c.corporation_id = $1 ORDER BY c.held_on DESC, c.created_at DESC LIMIT $2`, [corporationId, opts.limit ?? 100]);
	return rows.map(summaryOf);
}

export interface ConversationDetail extends ConversationSummary {
	notes: string | null;
	quotes: QuoteView[];
}

export async function getConversation(db: Queryable, actor: Actor, conversationId: string): Promise<ConversationDetail> {
	const corporationId = listeningCorporation(actor);
	const id = parseInput(z.object({ id: conversationIdSchema }), { id: conversationId }).id;
	const c = await conversationRow(db, corporationId, id);
	return { ...summaryOf(c), notes: c.notes, quotes: await listQuotes(db, actor, { conversationId: id }) };
}

export const listQuotesSchema = z.object({ themeId: themeIdSchema.optional(), conversationId: conversationIdSchema.optional(), limit: z.number().int().min(1).max(200).default(50) });

/** Quotes of the corporation, newest first, optionally of one theme or one conversation (one query). */
export async function listQuotes(db: Queryable, actor: Actor, input: z.input<typeof listQuotesSchema> = {}): Promise<QuoteView[]> {
	const corporationId = listeningCorporation(actor);
	const v = parseInput(listQuotesSchema, input);
	const rows = await db.query<{ id: string; body: string; themes: { id: string; name: string }[]; conversation_id: string; held_on: string; area_name: string; format: ConversationFormat }>(
		`SELECT q.id, q.body, q.conversation_id, to_char(c.held_on, 'YYYY-MM-DD') AS held_on, ${areaNameSql('c')} AS area_name, c.format,
			COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY lower(t.name)) FROM voice_quote_themes qt JOIN voice_themes t ON t.id = qt.theme_id WHERE qt.quote_id = q.id), '[]'::json) AS themes
		 FROM voice_quotes q JOIN voice_conversations c ON c.id = q.conversation_id
		 WHERE q.corporation_id = $1 AND ($2::uuid IS NULL OR q.conversation_id = $2) AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM voice_quote_themes qt WHERE qt.quote_id = q.id AND qt.theme_id = $3))
		 ORDER BY c.held_on DESC, q.created_at DESC, q.id LIMIT $4`,
		[corporationId, v.conversationId ?? null, v.themeId ?? null, v.limit]
	);
	return rows.map((r) => ({ id: r.id, body: r.body, themes: r.themes, conversationId: r.conversation_id, heldOn: r.held_on, areaName: r.area_name, format: r.format }));
}
