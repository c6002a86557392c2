import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { DAY_MS, liveStatuses, MAX_PHOTOS, type ProposalStatus } from './model';
import { canPropose, canViewBuurtProposals, effectiveStatus } from './policy';
import { buurtFacts, ensureSettingsRow, getBuurtpotSettings, recordProposalHistory, setStatus, unitsInBuurt } from './store';
import { prepareFiles, storeFiles, type IncomingFile } from './uploads';
import { costRule, fileFingerprint, proposalText, withCost } from './proposal-text';

/**
 * Proposing, in two steps without JavaScript: the preview checks the input and lists similar
 * live proposals of the buurt ("support that one instead?"); then the proposal is made.
 */

export const createProposalSchema = z
	.object({ buurtId: z.uuid('proposals.buurt_required'), ...proposalText, idempotencyKey: idempotencyKeySchema })
	.superRefine(costRule)
	.transform(withCost);
export type CreateProposalInput = z.input<typeof createProposalSchema>;

/**
 * A member proposes what the buurtpot should pay for, with up to 3 photos. The support phase
 * starts at once: the buurt's settings (default 5 households within 30 days) are copied onto the
 * proposal, and the author's own household counts as its first supporter. With an idempotency
 * key a double submit makes exactly one proposal.
 * Errors: validation.invalid (fields: title → validation.required | proposals.title_too_short |
 * validation.too_long; description; costCents → proposals.cost_required | proposals.cost_invalid |
 * proposals.cost_whole_cents | proposals.cost_positive | proposals.cost_too_big |
 * proposals.cost_lines_mismatch; costLines.N.label|cents; place; volunteers; photos →
 * proposals.file_type | proposals.file_too_big | proposals.file_broken | proposals.too_many_files),
 * proposals.forbidden (not a member of the buurt; field buurtId → proposals.not_your_buurt),
 * proposals.idempotency_mismatch.
 */
export async function createProposal(ctx: Ctx, actor: Actor, input: unknown, photos: IncomingFile[] = []): Promise<{ id: string; status: ProposalStatus }> {
	const v = parseInput(createProposalSchema, input);
	const prepared = await prepareFiles(photos, { max: MAX_PHOTOS });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtFacts(tx, v.buurtId);
		const units = unitsInBuurt(actor, v.buurtId);
		if (!buurt || !canPropose(actor, v.buurtId) || units.length === 0) throw new DomainError('proposals.forbidden', {}, { buurtId: 'proposals.not_your_buurt' });
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.create', input: { ...v, photos: fileFingerprint(photos) }, at }, async () => {
			await ensureSettingsRow(tx, v.buurtId);
			const settings = await getBuurtpotSettings(tx, v.buurtId);
			const deadline = new Date(at.getTime() + settings.supportDays * DAY_MS);
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO buurtpot_proposals (buurt_id, author_id, title, description, cost_cents, cost_lines, place, volunteers, status,
					support_needed, support_deadline, support_count, created_at, updated_at)
				 VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, 'support', $9, $10, 1, $11, $11) RETURNING id`,
				[v.buurtId, actor.accountId, v.title, v.description, v.costCents, JSON.stringify(v.costLines), v.place, v.volunteers, settings.supportHouseholds, deadline, at]
			);
			await tx.query('INSERT INTO buurtpot_supports (proposal_id, unit_id, account_id, at) VALUES ($1, $2, $3, $4)', [row.id, units[0], actor.accountId, at]);
			await storeFiles(tx, prepared, { buurtId: v.buurtId, proposalId: row.id, purpose: 'photo', uploadedBy: actor.accountId, at });
			await recordProposalHistory(tx, { proposalId: row.id, at, actorId: actor.accountId, action: 'propose', from: null, to: 'support', details: { costCents: v.costCents } });
			// Enough already (a buurt that needs only one household): straight on to the check.
			let status: ProposalStatus = 'support';
			if (settings.supportHouseholds <= 1) {
				await setStatus(tx, { id: row.id, status: 'support' }, 'feasibility', { at, actorId: null, action: 'support_reached' });
				status = 'feasibility';
			}
			return { id: row.id, status };
		});
	});
}

/**
 * Step one of proposing: checks the input exactly as createProposal will (so mistakes show
 * before the photos are chosen) and finds similar live proposals in the buurt ("support that one
 * instead?"). Writes nothing.
 * Errors: as createProposal (without the photo and idempotency ones).
 */
export async function previewProposal(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<{ costCents: number; similar: SimilarProposal[] }> {
	const v = parseInput(createProposalSchema, input);
	const buurt = await buurtFacts(db, v.buurtId);
	if (!buurt || !canPropose(actor, v.buurtId)) throw new DomainError('proposals.forbidden', {}, { buurtId: 'proposals.not_your_buurt' });
	return { costCents: v.costCents, similar: await findSimilarProposals(db, actor, { buurtId: v.buurtId, title: v.title, description: v.description }, now) };
}

// ---------------------------------------------------------------------------------------------
// "Support that one instead?"

const stopwords = new Set(
	'de het een en van voor in op met aan bij om te tot uit over naar door als dat die dit wat wie waar hoe ook nog niet geen meer onze ons we wij the a an and of for in on with to at by from our new nieuwe nieuw'.split(' ')
);

/** The words of a title that say something: lower case, letters and digits, no stop words. */
export function significantWords(text: string): string[] {
	const words = text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length >= 3 && !stopwords.has(w));
	return [...new Set(words)].slice(0, 12);
}

export const findSimilarSchema = z.object({
	buurtId: z.uuid('proposals.not_found'),
	title: plainText().trim().max(120).default(''),
	description: plainText().trim().max(4000).default(''),
	/** Leave this one out (when editing). */
	excludeId: z.uuid().optional()
});

export interface SimilarProposal {
	id: string;
	title: string;
	status: ProposalStatus;
	costCents: number;
	supportCount: number;
	supportNeeded: number;
	/** How many of the title's words it shares. */
	overlap: number;
}

/**
 * Live proposals in the buurt that share words with the title (and, weighted lower, the
 * description): PostgreSQL full text search over the 'simple' configuration with prefix matches,
 * so "bankje" finds "bankjes" and "speeltuin" finds "speeltuintje" without a language-specific
 * stemmer. At most 5, best first. Same visibility as listProposals.
 */
export async function findSimilarProposals(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<SimilarProposal[]> {
	const v = parseInput(findSimilarSchema, input);
	const buurt = await buurtFacts(db, v.buurtId);
	if (!buurt || !canViewBuurtProposals(actor, { buurt_id: buurt.id, corporation_id: buurt.corporation_id })) throw new DomainError('proposals.not_found');
	const titleWords = significantWords(v.title);
	const allWords = [...new Set([...titleWords, ...significantWords(v.description).slice(0, 6)])];
	if (allWords.length === 0) return [];
	const query = allWords.map((w) => `${w}:*`).join(' | ');
	const rows = await db.query<{ id: string; title: string; status: ProposalStatus; cost_cents: number; support_count: number; support_needed: number; support_deadline: Date; rank: number }>(
		`SELECT p.id, p.title, p.status, p.cost_cents, p.support_count, p.support_needed, p.support_deadline,
			ts_rank(setweight(to_tsvector('simple', unaccent_title), 'A') || setweight(to_tsvector('simple', unaccent_desc), 'D'), q) AS rank
		 FROM (SELECT p.*, translate(lower(p.title), 'áàäâéèëêíìïîóòöôúùüûç', 'aaaaeeeeiiiioooouuuuc') AS unaccent_title,
				translate(lower(p.description), 'áàäâéèëêíìïîóòöôúùüûç', 'aaaaeeeeiiiioooouuuuc') AS unaccent_desc
			FROM buurtpot_proposals p WHERE p.buurt_id = $1 AND p.status = ANY($3::text[]) AND ($4::uuid IS NULL OR p.id <> $4::uuid)) p,
			to_tsquery('simple', $2) q
		 WHERE (setweight(to_tsvector('simple', unaccent_title), 'A') || setweight(to_tsvector('simple', unaccent_desc), 'D')) @@ q
		 ORDER BY rank DESC, p.created_at DESC
		 LIMIT 20`,
		[buurt.id, query, liveStatuses, v.excludeId ?? null]
	);
	return rows
		.filter((r) => effectiveStatus(r, now) !== 'expired')
		.map((r) => {
			const words = new Set(significantWords(r.title));
			const overlap = titleWords.filter((w) => [...words].some((x) => x.startsWith(w) || w.startsWith(x))).length;
			return { id: r.id, title: r.title, status: r.status, costCents: Number(r.cost_cents), supportCount: r.support_count, supportNeeded: r.support_needed, overlap, rank: r.rank };
		})
		.filter((r) => r.overlap > 0 || allWords.length > titleWords.length)
		.sort((a, b) => b.overlap - a.overlap || b.rank - a.rank)
		.slice(0, 5)
		.map(({ rank: _rank, ...r }) => r);
}
