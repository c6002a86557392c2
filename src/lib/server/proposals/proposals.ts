import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { isStaffOf, type Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { centsSchema, DAY_MS, firstName, liveStatuses, MAX_COST_LINES, MAX_PHOTOS, proposalColumns, proposalFrom, proposalIdSchema, proposalStatuses, type ProposalRow, type ProposalStatus } from './model';
import { canEdit, canPropose, canViewBuurtProposals, canWithdraw, effectiveStatus } from './policy';
import { buurtFacts, ensureSettingsRow, getBuurtpotSettings, loadProposal, normalize, recordProposalHistory, setStatus, unitsInBuurt, visibleProposal } from './store';
import { prepareFiles, storeFiles, type IncomingFile } from './uploads';

/**
 * Buurtpot proposals: the contract with the voting part (listProposals, markProposalsForRound)
 * and the author's use cases (propose, edit, withdraw). Support, feasibility, comments, spending
 * and follow-up are in support.ts, feasibility.ts, proposal-comments.ts, spending.ts and
 * activities.ts. Every use case owns one transaction; nothing is ever half-written.
 */

export * from './model';
export { getBuurtpotSettings, type BuurtpotSettings } from './store';

// ---------------------------------------------------------------------------------------------
// The contract with the voting part (rounds*.ts)

export interface ProposalSummary {
	id: string;
	buurtId: string;
	buurtName: string;
	title: string;
	description: string;
	costCents: number;
	/** What the author asked for when the feasibility check adjusted the cost; else null. */
	requestedCostCents: number | null;
	/** As people see it: a support phase past its deadline shows as 'expired'. */
	status: ProposalStatus;
	place: string;
	authorName: string;
	isMine: boolean;
	supportCount: number;
	supportNeeded: number;
	supportDeadline: Date;
	/** Whether the actor's household supports it (the author's household always does). */
	supportedByMyHousehold: boolean;
	createdAt: Date;
	/** The first photo, for a thumbnail; null when none. */
	photoId: string | null;
	paidCents: number;
}

export const listProposalsSchema = z.object({
	buurtId: z.uuid('proposals.not_found'),
	/** One status or several; none: every status. Matched against the stored status. */
	status: z.union([z.enum(proposalStatuses, 'validation.choice'), z.array(z.enum(proposalStatuses, 'validation.choice')).max(proposalStatuses.length)]).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(500)
});

/**
 * A buurt's proposals, newest first, optionally of one or more (stored) statuses — e.g. the
 * voting part lists `{ status: 'accepted' }` to put them on a ballot. Members of the buurt, staff
 * of its corporation and its tenants' association; anyone else: proposals.not_found (404).
 * Errors: validation.invalid, proposals.not_found.
 */
export async function listProposals(
	db: Queryable,
	actor: Actor,
	input: { buurtId: string; status?: ProposalStatus | ProposalStatus[]; limit?: number },
	now: Date = new Date()
): Promise<ProposalSummary[]> {
	const v = parseInput(listProposalsSchema, input);
	const buurt = await buurtFacts(db, v.buurtId);
	if (!buurt || !canViewBuurtProposals(actor, { buurt_id: buurt.id, corporation_id: buurt.corporation_id })) throw new DomainError('proposals.not_found');
	const statuses = v.status === undefined ? null : Array.isArray(v.status) ? v.status : [v.status];
	const rows = await db.query<ProposalRow & { photo_id: string | null; paid_cents: number; mine_supported: boolean }>(
		`SELECT ${proposalColumns},
			(SELECT f.id FROM buurtpot_files f WHERE f.proposal_id = p.id AND f.purpose = 'photo' ORDER BY f.seq LIMIT 1) AS photo_id,
			(SELECT COALESCE(sum(amount_cents), 0)::bigint FROM buurtpot_payments pay WHERE pay.proposal_id = p.id) AS paid_cents,
			EXISTS (SELECT 1 FROM buurtpot_supports s WHERE s.proposal_id = p.id AND s.unit_id = ANY($3::uuid[])) AS mine_supported
		 ${proposalFrom}
		 WHERE p.buurt_id = $1 AND ($2::text[] IS NULL OR p.status = ANY($2::text[]))
		 ORDER BY p.created_at DESC, p.id
		 LIMIT $4`,
		[buurt.id, statuses, unitsInBuurt(actor, buurt.id), v.limit]
	);
	return rows.map((r) => summarize(actor, normalize(r), now, { photoId: r.photo_id, paidCents: Number(r.paid_cents), mineSupported: r.mine_supported }));
}

export function summarize(actor: Actor, r: ProposalRow, now: Date, extra: { photoId: string | null; paidCents: number; mineSupported: boolean }): ProposalSummary {
	return {
		id: r.id,
		buurtId: r.buurt_id,
		buurtName: r.buurt_name,
		title: r.title,
		description: r.description,
		costCents: r.cost_cents,
		requestedCostCents: r.requested_cost_cents,
		status: effectiveStatus(r, now),
		place: r.place,
		authorName: firstName(r.author_name),
		isMine: r.author_id === actor.accountId,
		supportCount: r.support_count,
		supportNeeded: r.support_needed,
		supportDeadline: r.support_deadline,
		supportedByMyHousehold: extra.mineSupported,
		createdAt: r.created_at,
		photoId: extra.photoId,
		paidCents: extra.paidCents
	};
}

/** The moves the voting part may make, from → to. */
const roundMoves: Record<'in_vote' | 'won' | 'lost' | 'accepted', readonly ProposalStatus[]> = {
	in_vote: ['accepted'],
	won: ['in_vote'],
	lost: ['in_vote'],
	// A round cancelled before its result: the proposal may go on a later ballot.
	accepted: ['in_vote']
};

export interface MarkForRoundInput {
	proposalIds: string[];
	status: 'in_vote' | 'won' | 'lost' | 'accepted';
	at: Date;
	/** Who caused it (staff opening or closing the round); null for a job. */
	actorId?: string | null;
	/** For the history: the round that did it. */
	roundId?: string | null;
}

/**
 * For the voting part, inside ITS transaction: puts accepted proposals on a ballot (in_vote),
 * records the result (won | lost), or takes them back off a cancelled round (accepted). Locks the
 * rows in id order (no deadlocks with other writers), writes one history row each. Idempotent:
 * a proposal already in the target status is left alone. Nothing is written unless every
 * proposal can move (the caller's transaction rolls back on the error).
 * Errors: proposals.not_found {proposalId}, proposals.status_conflict {proposalId, status, target} (409).
 */
export async function markProposalsForRound(tx: Queryable, input: MarkForRoundInput): Promise<{ changed: string[] }> {
	const v = parseInput(
		z.object({
			proposalIds: z.array(z.uuid('proposals.not_found')).max(1000),
			status: z.enum(['in_vote', 'won', 'lost', 'accepted']),
			at: z.date(),
			actorId: z.uuid().nullable().optional(),
			roundId: z.string().max(100).nullable().optional()
		}),
		input
	);
	const ids = [...new Set(v.proposalIds.map((id) => id.toLowerCase()))].sort();
	if (ids.length === 0) return { changed: [] };
	const rows = await tx.query<{ id: string; status: ProposalStatus }>(
		'SELECT id, status FROM buurtpot_proposals WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
		[ids]
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	for (const id of ids) {
		const r = byId.get(id);
		if (!r) throw new DomainError('proposals.not_found', { proposalId: id });
		if (r.status !== v.status && !roundMoves[v.status].includes(r.status)) throw new DomainError('proposals.status_conflict', { proposalId: id, status: r.status, target: v.status });
	}
	const changed: string[] = [];
	for (const id of ids) {
		const r = byId.get(id)!;
		if (r.status === v.status) continue;
		await setStatus(tx, r, v.status, { at: v.at, actorId: v.actorId ?? null, action: `round.${v.status}`, details: v.roundId ? { roundId: v.roundId } : {} });
		changed.push(id);
	}
	return { changed };
}

// ---------------------------------------------------------------------------------------------
// Proposing

const lineSchema = z.object({
	label: z.string({ error: 'proposals.line_label_required' }).trim().min(1, 'proposals.line_label_required').max(80, 'validation.too_long'),
	cents: centsSchema('amount')
});

const proposalText = {
	title: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').min(3, 'proposals.title_too_short').max(120, 'validation.too_long'),
	description: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(4000, 'validation.too_long'),
	costCents: centsSchema('cost').optional(),
	costLines: z.array(lineSchema).max(MAX_COST_LINES, 'proposals.too_many_lines').default([]),
	place: z.string().trim().max(200, 'validation.too_long').default(''),
	volunteers: z.string().trim().max(1000, 'validation.too_long').default('')
};

/** The cost comes from the lines when only they are given; when both are, they must agree. */
const costRule = (v: { costCents?: number; costLines: { cents: number }[] }, ctx: z.RefinementCtx) => {
	const sum = v.costLines.reduce((s, l) => s + l.cents, 0);
	if (v.costCents === undefined && v.costLines.length === 0) ctx.addIssue({ code: 'custom', path: ['costCents'], message: 'proposals.cost_required' });
	else if (v.costCents !== undefined && v.costLines.length > 0 && sum !== v.costCents) ctx.addIssue({ code: 'custom', path: ['costCents'], message: 'proposals.cost_lines_mismatch' });
	else if (v.costCents === undefined && sum > 100_000_000) ctx.addIssue({ code: 'custom', path: ['costCents'], message: 'proposals.cost_too_big' });
};
const withCost = <T extends { costCents?: number; costLines: { cents: number }[] }>(v: T) => ({ ...v, costCents: v.costCents ?? v.costLines.reduce((s, l) => s + l.cents, 0) });

export const createProposalSchema = z
	.object({ buurtId: z.uuid('proposals.buurt_required'), ...proposalText, idempotencyKey: idempotencyKeySchema })
	.superRefine(costRule)
	.transform(withCost);
export type CreateProposalInput = z.input<typeof createProposalSchema>;

const fileFingerprint = (files: IncomingFile[]) => files.map((f) => createHash('sha256').update(f.bytes).digest('hex'));

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

export const editProposalSchema = z
	.object({ proposalId: proposalIdSchema, ...proposalText, idempotencyKey: idempotencyKeySchema })
	.superRefine(costRule)
	.transform(withCost);

/**
 * The author edits their proposal: within 24 hours of proposing and before another household
 * supports it, or after the feasibility check asked for changes — then the edit sends it back
 * to the check ('needs_changes' → 'feasibility'). Photos can be added (up to 3 in all) or removed
 * (`removePhotoIds`).
 * Errors: as createProposal, plus proposals.not_found, proposals.edit_closed (409: window over,
 * supported already, or in another status), proposals.idempotency_mismatch.
 */
export async function editProposal(
	ctx: Ctx,
	actor: Actor,
	input: unknown,
	photos: IncomingFile[] = [],
	removePhotoIds: string[] = []
): Promise<{ id: string; status: ProposalStatus }> {
	const v = parseInput(editProposalSchema, input);
	const prepared = await prepareFiles(photos, { max: MAX_PHOTOS });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId, { lock: true });
		if (!canEdit(actor, p, at)) throw new DomainError(p.author_id === actor.accountId ? 'proposals.edit_closed' : 'proposals.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.edit', input: { ...v, photos: fileFingerprint(photos), removePhotoIds }, at }, async () => {
			const remove = removePhotoIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
			if (remove.length) await tx.query(`DELETE FROM buurtpot_files WHERE proposal_id = $1 AND purpose = 'photo' AND id = ANY($2::uuid[])`, [p.id, remove]);
			const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM buurtpot_files WHERE proposal_id = $1 AND purpose = 'photo'`, [p.id]);
			if (n + prepared.length > MAX_PHOTOS) throw new DomainError('validation.invalid', { max: MAX_PHOTOS }, { photos: 'proposals.too_many_files' });
			await storeFiles(tx, prepared, { buurtId: p.buurt_id, proposalId: p.id, purpose: 'photo', uploadedBy: actor.accountId, at });
			const before = { title: p.title, description: p.description, costCents: p.cost_cents, place: p.place, volunteers: p.volunteers };
			await tx.query(
				`UPDATE buurtpot_proposals SET title = $2, description = $3, cost_cents = $4, cost_lines = $5::jsonb, place = $6, volunteers = $7,
					requested_cost_cents = NULL, edited_at = $8, updated_at = $8, version = version + 1 WHERE id = $1`,
				[p.id, v.title, v.description, v.costCents, JSON.stringify(v.costLines), v.place, v.volunteers, at]
			);
			if (p.status === 'needs_changes') {
				await setStatus(tx, p, 'feasibility', { at, actorId: actor.accountId, action: 'resubmit', details: { before } });
				return { id: p.id, status: 'feasibility' as const };
			}
			await recordProposalHistory(tx, { proposalId: p.id, at, actorId: actor.accountId, action: 'edit', from: p.status, to: p.status, details: { before } });
			return { id: p.id, status: p.status };
		});
	});
}

export const withdrawProposalSchema = z.object({
	proposalId: proposalIdSchema,
	reason: z.string().trim().max(1000, 'validation.too_long').optional(),
	idempotencyKey: idempotencyKeySchema
});

/**
 * The author withdraws their proposal, at any time until it is on a ballot.
 * Errors: proposals.not_found, proposals.forbidden (not the author), proposals.withdraw_closed
 * (409: on a ballot or decided already), proposals.already_withdrawn (409).
 */
export async function withdrawProposal(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; status: 'withdrawn' }> {
	const v = parseInput(withdrawProposalSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId, { lock: true });
		if (p.author_id !== actor.accountId) throw new DomainError('proposals.forbidden');
		if (p.status === 'withdrawn') throw new DomainError('proposals.already_withdrawn');
		if (!canWithdraw(actor, p)) throw new DomainError('proposals.withdraw_closed', { status: p.status });
		await setStatus(tx, p, 'withdrawn', { at, actorId: actor.accountId, action: 'withdraw', reason: v.reason || null, extraSql: 'withdrawn_at = $3' });
		return { id: p.id, status: 'withdrawn' as const };
	});
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
	title: z.string().trim().max(120).default(''),
	description: z.string().trim().max(4000).default(''),
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
export async function findSimilarProposals(db: Queryable, actor: Actor, input: unknown, now: Date = new Date()): Promise<SimilarProposal[]> {
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

// ---------------------------------------------------------------------------------------------
// Settings (staff)

export const updateBuurtpotSettingsSchema = z.object({
	buurtId: z.uuid('proposals.not_found'),
	supportHouseholds: z.coerce.number({ error: 'proposals.settings_number' }).int('proposals.settings_number').min(1, 'proposals.settings_number').max(500, 'proposals.settings_number'),
	supportDays: z.coerce.number({ error: 'proposals.settings_number' }).int('proposals.settings_number').min(1, 'proposals.settings_number').max(365, 'proposals.settings_number'),
	associationChecks: z.boolean().default(false),
	/** Give the calendar feed a new secret (the old URL stops working). */
	rotateFeedToken: z.boolean().default(false)
});

/**
 * Staff set how many households must support a proposal and within how many days (for proposals
 * made from now on), and whether the tenants' association may answer feasibility checks.
 * Errors: validation.invalid (supportHouseholds, supportDays → proposals.settings_number),
 * proposals.not_found, proposals.forbidden.
 */
export async function updateBuurtpotSettings(ctx: Ctx, actor: Actor, input: unknown): Promise<{ buurtId: string; supportHouseholds: number; supportDays: number; associationChecks: boolean }> {
	const v = parseInput(updateBuurtpotSettingsSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtFacts(tx, v.buurtId);
		if (!buurt || !canViewBuurtProposals(actor, { buurt_id: buurt.id, corporation_id: buurt.corporation_id })) throw new DomainError('proposals.not_found');
		if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('proposals.forbidden');
		await ensureSettingsRow(tx, v.buurtId, { lock: true });
		await tx.query(
			`UPDATE buurtpot_settings SET support_households = $2, support_days = $3, association_checks = $4, updated_at = $5, updated_by = $6
				${v.rotateFeedToken ? `, feed_token = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')` : ''}
			 WHERE buurt_id = $1`,
			[v.buurtId, v.supportHouseholds, v.supportDays, v.associationChecks, at, actor.accountId]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'buurtpot.settings_changed', subject: `buurt:${v.buurtId}`, details: { supportHouseholds: v.supportHouseholds, supportDays: v.supportDays, associationChecks: v.associationChecks, rotatedFeedToken: v.rotateFeedToken } });
		return { buurtId: v.buurtId, supportHouseholds: v.supportHouseholds, supportDays: v.supportDays, associationChecks: v.associationChecks };
	});
}

export { loadProposal };
