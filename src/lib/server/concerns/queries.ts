import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { idOf, pageNumber, plainText } from '../shared/text';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { ageInDays, type ConcernCategory, type ConcernOutcome, type ReferralTarget, type ReporterRole } from './model';
import { isSocialTeamOf, socialTeamCorporationIds } from './policy';

/**
 * Reads of concerns. The social team's reads (home, queue, one concern) each write an audit row
 * in the same transaction — who, which concern or how many, when; never the content. The
 * reporter's view of their own concerns is not audited (their own words; a row would name
 * them as a reporter in the admins' log).
 */

const PAGE = 50;

export interface ConcernLine {
	id: string;
	category: ConcernCategory | null;
	unitLabel: string | null;
	complexName: string | null;
	createdAt: Date;
	ageDays: number;
	flagged: boolean;
	outcome: ConcernOutcome | null;
	reduced: boolean;
}

type LineRow = {
	id: string;
	category: ConcernCategory | null;
	street: string | null;
	house_number: number | null;
	addition: string | null;
	complex_name: string | null;
	created_at: Date;
	flagged: boolean;
	outcome: ConcernOutcome | null;
	reduced_at: Date | null;
};

const lineColumns = `k.id, k.category, u.street, u.house_number, u.addition, c.name AS complex_name, k.created_at, k.flagged, k.outcome, k.reduced_at`;
const lineFrom = `FROM concerns k LEFT JOIN units u ON u.id = k.unit_id LEFT JOIN complexes c ON c.id = u.complex_id`;
const label = (r: { street: string | null; house_number: number | null; addition: string | null }) =>
	r.street ? `${r.street} ${r.house_number}${r.addition ? ` ${r.addition}` : ''}` : null;
const lineOf = (r: LineRow, now: Date): ConcernLine => ({
	id: r.id,
	category: r.category,
	unitLabel: label(r),
	complexName: r.complex_name,
	createdAt: r.created_at,
	ageDays: ageInDays(r.created_at, now),
	flagged: r.flagged,
	outcome: r.outcome,
	reduced: r.reduced_at !== null
});

/**
 * The social team's home: untriaged concerns of their corporation(s), oldest first with their
 * age, and how many there are. Null (nothing read, nothing audited) for anyone else.
 */
export async function concernsForHome(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor, limit = 5): Promise<{ total: number; items: ConcernLine[] } | null> {
	const corporations = socialTeamCorporationIds(actor);
	if (!corporations.length) return null;
	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const rows = await tx.query<LineRow & { total: number }>(
			`SELECT ${lineColumns}, count(*) OVER ()::int AS total ${lineFrom}
			 WHERE k.corporation_id = ANY($1::uuid[]) AND k.outcome IS NULL ORDER BY k.created_at, k.id LIMIT $2`,
			[corporations, limit]
		);
		const total = rows[0]?.total ?? 0;
		for (const corporationId of corporations) {
			await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'concerns.list_read', subject: `corporation:${corporationId}`, corporationId, details: { view: 'home', shown: rows.length } });
		}
		return { total, items: rows.map((r) => lineOf(r, now)) };
	});
}

export const listConcernsSchema = z.object({
	corporationId: idOf('concerns.not_found'),
	state: z.enum(['untriaged', 'all'], 'validation.choice').default('untriaged'),
	q: z.preprocess((v) => (v === null ? undefined : v), plainText().trim().max(80, 'validation.too_long').optional()),
	page: pageNumber()
});

/**
 * The social team's list: untriaged oldest first (default), or every concern newest first,
 * optionally searched by street, postcode or the corporation's unit number. 404 for anyone not on
 * the corporation's social team — the same answer as for a list that does not exist.
 */
export async function listConcerns(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor, input: unknown): Promise<{ items: ConcernLine[]; total: number; page: number; pages: number }> {
	const v = parseInput(listConcernsSchema, input);
	if (!isSocialTeamOf(actor, v.corporationId)) throw new DomainError('concerns.not_found');
	const now = ctx.clock();
	const q = v.q ? `%${v.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
	return ctx.db.transaction(async (tx) => {
		const rows = await tx.query<LineRow & { total: number }>(
			`SELECT ${lineColumns}, count(*) OVER ()::int AS total ${lineFrom}
			 WHERE k.corporation_id = $1 AND ($2::boolean OR k.outcome IS NULL)
			   AND ($3::text IS NULL OR u.street ILIKE $3 OR u.postcode ILIKE $3 OR u.eenheid ILIKE $3 OR replace(u.postcode, ' ', '') ILIKE $3)
			 ORDER BY CASE WHEN $2::boolean THEN NULL ELSE k.created_at END, k.created_at DESC, k.id LIMIT ${PAGE} OFFSET $4`,
			[v.corporationId, v.state === 'all', q, (v.page - 1) * PAGE]
		);
		const total = rows[0]?.total ?? 0;
		// The search words are not logged: they may be an address.
		await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'concerns.list_read', subject: `corporation:${v.corporationId}`, corporationId: v.corporationId, details: { view: 'list', state: v.state, searched: q !== null, shown: rows.length } });
		return { items: rows.map((r) => lineOf(r, now)), total, page: v.page, pages: Math.max(1, Math.ceil(total / PAGE)) };
	});
}

export interface ConcernDetail extends ConcernLine {
	corporationId: string;
	body: string | null;
	reporterRole: ReporterRole;
	mayContact: boolean;
	/** Only when the reporter said the social team may contact them. */
	reporter: { name: string; email: string } | null;
	triagedAt: Date | null;
	outcomeAt: Date | null;
	triagedByName: string | null;
	note: string | null;
	referrals: { target: ReferralTarget; organisationName: string | null; reason: string; decidedAt: Date; decidedByName: string | null }[];
	/** Where a referral may go: the corporation's care organisations and municipality (its wijkteam). */
	referralOptions: { id: string; name: string; kind: 'care' | 'municipality' }[];
}

export const getConcernSchema = z.object({ concernId: idOf('concerns.not_found') });

/** One concern for the social team, audited as a read. Errors: concerns.not_found (404). */
export async function getConcern(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor, input: unknown): Promise<ConcernDetail> {
	const v = parseInput(getConcernSchema, input);
	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [r] = await tx.query<
			LineRow & { corporation_id: string; body: string | null; reporter_role: ReporterRole; may_contact: boolean; reporter_name: string | null; reporter_email: string | null; triaged_at: Date | null; outcome_at: Date | null; triaged_by_name: string | null; triage_note: string | null }
		>(
			`SELECT ${lineColumns}, k.corporation_id, k.body, k.reporter_role, k.may_contact, k.triaged_at, k.outcome_at, k.triage_note,
			   CASE WHEN k.may_contact THEN ra.name END AS reporter_name, CASE WHEN k.may_contact THEN ra.email END AS reporter_email, ta.name AS triaged_by_name
			 ${lineFrom} LEFT JOIN accounts ra ON ra.id = k.reporter_id LEFT JOIN accounts ta ON ta.id = k.triaged_by WHERE k.id = $1`,
			[v.concernId]
		);
		if (!r || !isSocialTeamOf(actor, r.corporation_id)) throw new DomainError('concerns.not_found');
		const referrals = await tx.query<{ target: ReferralTarget; organisation_name: string | null; reason: string; decided_at: Date; decided_by_name: string | null }>(
			`SELECT f.target, o.name AS organisation_name, f.reason, f.decided_at, a.name AS decided_by_name FROM concern_referrals f
			 LEFT JOIN organisations o ON o.id = f.organisation_id LEFT JOIN accounts a ON a.id = f.decided_by WHERE f.concern_id = $1 ORDER BY f.decided_at, f.id`,
			[r.id]
		);
		const options = await tx.query<{ id: string; name: string; kind: 'care' | 'municipality' }>(
			`SELECT id, name, kind FROM organisations WHERE corporation_id = $1 AND kind IN ('care', 'municipality') ORDER BY kind, name, id`,
			[r.corporation_id]
		);
		await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'concerns.read', subject: `concern:${r.id}`, corporationId: r.corporation_id });
		return {
			...lineOf(r, now),
			corporationId: r.corporation_id,
			body: r.body,
			reporterRole: r.reporter_role,
			mayContact: r.may_contact,
			reporter: r.reporter_name && r.reporter_email ? { name: r.reporter_name, email: r.reporter_email } : null,
			triagedAt: r.triaged_at,
			outcomeAt: r.outcome_at,
			triagedByName: r.triaged_by_name,
			note: r.triage_note,
			referrals: referrals.map((f) => ({ target: f.target, organisationName: f.organisation_name, reason: f.reason, decidedAt: f.decided_at, decidedByName: f.decided_by_name })),
			referralOptions: options
		};
	});
}

export interface MyConcern {
	id: string;
	category: ConcernCategory;
	unitLabel: string;
	body: string;
	createdAt: Date;
	/** When the social team picked it up; what they did is not the reporter's to know. */
	pickedUpAt: Date | null;
}

type MineRow = { id: string; category: ConcernCategory; street: string; house_number: number; addition: string; body: string; created_at: Date; triaged_at: Date | null };
const mineOf = (r: MineRow): MyConcern => ({ id: r.id, category: r.category, unitLabel: label(r)!, body: r.body, createdAt: r.created_at, pickedUpAt: r.triaged_at });
const mineSql = `SELECT k.id, k.category, u.street, u.house_number, u.addition, k.body, k.created_at, k.triaged_at FROM concerns k JOIN units u ON u.id = k.unit_id WHERE k.reporter_id = $1`;

/** The concerns the actor raised (until they are deleted), newest first. */
export async function myConcerns(q: Queryable, actor: Actor): Promise<MyConcern[]> {
	return (await q.query<MineRow>(`${mineSql} ORDER BY k.created_at DESC, k.id LIMIT 100`, [actor.accountId])).map(mineOf);
}

/** One of the actor's own concerns. Errors: concerns.not_found (404, also for anyone else's). */
export async function getMyConcern(q: Queryable, actor: Actor, input: unknown): Promise<MyConcern> {
	const v = parseInput(getConcernSchema, input);
	const [r] = await q.query<MineRow>(`${mineSql} AND k.id = $2`, [actor.accountId, v.concernId]);
	if (!r) throw new DomainError('concerns.not_found');
	return mineOf(r);
}
