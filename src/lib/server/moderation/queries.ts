import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { buurtInScope, firstName, isStaffOf, staffCorporationIds, type Actor } from '../people';
import { DEFAULT_HIDE_AFTER, itemIdSchema, type ActorRole, type ContentKind, type DecisionKind, type ItemState, type ReportReason } from './model';
import { canReview, canSanction, isAmbassadorOf } from './policy';

/** Reads for moderation's pages and API, scoped by the actor. Reporters are never named to anyone. */

export interface QueueItem {
	id: string;
	kind: ContentKind;
	buurtId: string;
	buurtName: string;
	path: string;
	excerpt: string;
	state: ItemState;
	hiddenBy: 'reports' | 'reviewer' | null;
	editedAfterHide: boolean;
	/** Different households that reported it since the last review, and the threshold of its buurt. */
	households: number;
	hideAfter: number;
	reasons: ReportReason[];
	updatedAt: Date;
}

const queueColumns = `mi.id, mi.content_kind, mi.buurt_id, b.name AS buurt_name, mi.path, mi.excerpt, mi.state, mi.hidden_by, mi.edited_after_hide, mi.updated_at,
	(SELECT count(DISTINCT r.household)::int FROM moderation_reports r WHERE r.item_id = mi.id AND r.round = mi.round) AS households,
	ARRAY(SELECT DISTINCT r.reason FROM moderation_reports r WHERE r.item_id = mi.id AND r.round = mi.round ORDER BY r.reason) AS reasons,
	COALESCE((SELECT s.hide_after FROM moderation_settings s WHERE s.buurt_id = mi.buurt_id), ${DEFAULT_HIDE_AFTER}) AS hide_after`;

interface QueueRow {
	id: string;
	content_kind: ContentKind;
	buurt_id: string;
	buurt_name: string;
	path: string;
	excerpt: string;
	state: ItemState;
	hidden_by: 'reports' | 'reviewer' | null;
	edited_after_hide: boolean;
	updated_at: Date;
	households: number;
	reasons: ReportReason[];
	hide_after: number;
}

const queueItem = (r: QueueRow): QueueItem => ({
	id: r.id,
	kind: r.content_kind,
	buurtId: r.buurt_id,
	buurtName: r.buurt_name,
	path: r.path,
	excerpt: r.excerpt,
	state: r.state,
	hiddenBy: r.hidden_by,
	editedAfterHide: r.edited_after_hide,
	households: Number(r.households),
	hideAfter: Number(r.hide_after),
	reasons: r.reasons ?? [],
	updatedAt: new Date(r.updated_at)
});

export const buurtQueueSchema = z.object({ buurtId: z.uuid('moderation.not_found') });

/**
 * What waits for review in one buurt: hidden items first, then the oldest. Staff of the buurt's
 * corporation see everything reported there; its ambassadors the public content; members of
 * the buurt are refused (403), anyone else 404. One statement (index moderation_items_buurt_queue).
 */
export async function listBuurtQueue(q: Queryable, actor: Actor, input: unknown): Promise<{ buurt: { id: string; name: string }; items: QueueItem[]; isStaff: boolean }> {
	const v = parseInput(buurtQueueSchema, input);
	const b = await buurtInScope(q, actor, v.buurtId, 'board', 'moderation.not_found');
	const staff = isStaffOf(actor, b.corporation_id);
	if (!staff && !isAmbassadorOf(actor, b.id)) throw new DomainError('moderation.forbidden');
	const rows = await q.query<QueueRow>(
		`SELECT ${queueColumns} FROM moderation_items mi JOIN buurten b ON b.id = mi.buurt_id
		 WHERE mi.buurt_id = $1 AND mi.needs_review AND ($2 OR (mi.is_public AND mi.author_id <> $3))
		 ORDER BY (mi.state = 'hidden') DESC, mi.updated_at, mi.id LIMIT 200`,
		[b.id, staff, actor.accountId]
	);
	return { buurt: { id: b.id, name: b.name }, items: rows.map(queueItem), isStaff: staff };
}

/** Staff: what waits for review in every buurt of their corporations (index moderation_items_corporation_queue). */
export async function listCorporationQueue(q: Queryable, actor: Actor): Promise<QueueItem[]> {
	const corps = staffCorporationIds(actor);
	if (!corps.length) throw new DomainError('moderation.forbidden');
	const rows = await q.query<QueueRow>(
		`SELECT ${queueColumns} FROM moderation_items mi JOIN buurten b ON b.id = mi.buurt_id
		 WHERE mi.corporation_id = ANY($1::uuid[]) AND mi.needs_review ORDER BY (mi.state = 'hidden') DESC, mi.updated_at, mi.id LIMIT 200`,
		[corps]
	);
	return rows.map(queueItem);
}

export interface DecisionView {
	kind: DecisionKind;
	role: ActorRole;
	reason: ReportReason | null;
	note: string | null;
	until: Date | null;
	at: Date;
}

export interface ReviewPage {
	item: QueueItem & { authorName: string; contentRemoved: boolean };
	/** The reports of the current round: reason, words and day — never who. */
	reports: { reason: ReportReason; note: string; at: Date }[];
	history: DecisionView[];
	/** Staff only: the author's earlier warnings and suspensions in this corporation, and a running suspension. */
	author: { warnings: number; suspensions: number; suspendedUntil: Date | null } | null;
	can: { review: boolean; sanction: boolean };
}

const decisionView = (d: { kind: DecisionKind; actor_role: ActorRole; reason: ReportReason | null; note: string | null; until: Date | null; at: Date }): DecisionView => ({
	kind: d.kind,
	role: d.actor_role,
	reason: d.reason,
	note: d.note,
	until: d.until ? new Date(d.until) : null,
	at: new Date(d.at)
});

export const reviewPageSchema = z.object({ buurtId: z.uuid('moderation.not_found'), itemId: itemIdSchema });

/** One item for its reviewer. Errors: moderation.not_found (another buurt or corporation, a private one for an ambassador, unknown). */
export async function getReviewItem(q: Queryable, actor: Actor, input: unknown, now: Date): Promise<ReviewPage> {
	const v = parseInput(reviewPageSchema, input);
	const [row] = await q.query<QueueRow & { corporation_id: string; author_id: string; is_public: boolean; author_name: string }>(
		`SELECT ${queueColumns}, mi.corporation_id, mi.author_id, mi.is_public, a.name AS author_name
		 FROM moderation_items mi JOIN buurten b ON b.id = mi.buurt_id JOIN accounts a ON a.id = mi.author_id WHERE mi.id = $1 AND mi.buurt_id = $2`,
		[v.itemId, v.buurtId]
	);
	if (!row || !(isStaffOf(actor, row.corporation_id) || (row.is_public && isAmbassadorOf(actor, row.buurt_id)))) throw new DomainError('moderation.not_found');
	const facts = { buurt_id: row.buurt_id, corporation_id: row.corporation_id, author_id: row.author_id, is_public: row.is_public };
	const staff = isStaffOf(actor, row.corporation_id);
	const [reports, history, sanctions] = await Promise.all([
		q.query<{ reason: ReportReason; note: string; at: Date }>(
			'SELECT reason, note, at FROM moderation_reports WHERE item_id = $1 AND round = (SELECT round FROM moderation_items WHERE id = $1) ORDER BY at, id',
			[row.id]
		),
		q.query<{ kind: DecisionKind; actor_role: ActorRole; reason: ReportReason | null; note: string | null; until: Date | null; at: Date }>(
			'SELECT kind, actor_role, reason, note, until, at FROM moderation_decisions WHERE item_id = $1 ORDER BY at DESC, id DESC',
			[row.id]
		),
		staff
			? q.query<{ warnings: number; suspensions: number; until: Date | null }>(
					`SELECT (SELECT count(*)::int FROM moderation_decisions d WHERE d.account_id = $1 AND d.corporation_id = $2 AND d.kind = 'warn') AS warnings,
					   (SELECT count(*)::int FROM moderation_suspensions s WHERE s.account_id = $1 AND s.corporation_id = $2) AS suspensions,
					   (SELECT max(s.ends_at) FROM moderation_suspensions s WHERE s.account_id = $1 AND s.corporation_id = $2 AND s.lifted_at IS NULL AND s.starts_at <= $3 AND s.ends_at > $3) AS until`,
					[row.author_id, row.corporation_id, now]
				)
			: Promise.resolve([])
	]);
	const s = sanctions[0];
	return {
		// Staff read full names; an ambassador (a neighbour) the first name only.
		item: { ...queueItem(row), authorName: staff ? row.author_name : firstName(row.author_name), contentRemoved: row.excerpt === '' },
		reports: reports.map((r) => ({ reason: r.reason, note: r.note, at: new Date(r.at) })),
		history: history.map(decisionView),
		author: s ? { warnings: Number(s.warnings), suspensions: Number(s.suspensions), suspendedUntil: s.until ? new Date(s.until) : null } : null,
		can: { review: canReview(actor, facts) && row.state !== 'removed' && row.excerpt !== '', sanction: canSanction(actor, row.corporation_id) && actor.accountId !== row.author_id }
	};
}

export interface MyItem {
	id: string;
	kind: ContentKind;
	path: string;
	excerpt: string;
	state: ItemState;
	hiddenBy: 'reports' | 'reviewer' | null;
	reason: ReportReason | null;
	note: string | null;
	needsReview: boolean;
	history: DecisionView[];
}

export interface MyModeration {
	items: MyItem[];
	/** Warnings, suspensions and lifted suspensions, newest first. */
	sanctions: DecisionView[];
	suspensions: { corporationName: string; until: Date }[];
}

/**
 * A member's own moderation history: each piece of their content that was reported and what
 * happened to it (who did it is said by role only: "a buurtambassadeur", "the corporation"),
 * and their warnings and suspensions. Never who reported, or how many did.
 */
export async function myModerationHistory(q: Queryable, actor: Actor, now: Date): Promise<MyModeration> {
	const [items, decisions, suspensions] = await Promise.all([
		q.query<{ id: string; content_kind: ContentKind; path: string; excerpt: string; state: ItemState; hidden_by: 'reports' | 'reviewer' | null; reason: ReportReason | null; note: string | null; needs_review: boolean }>(
			`SELECT id, content_kind, path, excerpt, state, hidden_by, reason, note, needs_review FROM moderation_items
			 WHERE author_id = $1 AND EXISTS (SELECT 1 FROM moderation_decisions d WHERE d.item_id = moderation_items.id) ORDER BY updated_at DESC LIMIT 200`,
			[actor.accountId]
		),
		q.query<{ item_id: string | null; kind: DecisionKind; actor_role: ActorRole; reason: ReportReason | null; note: string | null; until: Date | null; at: Date }>(
			`SELECT item_id, kind, actor_role, reason, note, until, at FROM moderation_decisions WHERE account_id = $1 ORDER BY at DESC, id DESC LIMIT 500`,
			[actor.accountId]
		),
		q.query<{ name: string; ends_at: Date }>(
			`SELECT c.name, s.ends_at FROM moderation_suspensions s JOIN corporations c ON c.id = s.corporation_id
			 WHERE s.account_id = $1 AND s.lifted_at IS NULL AND s.starts_at <= $2 AND s.ends_at > $2 ORDER BY s.ends_at DESC`,
			[actor.accountId, now]
		)
	]);
	const byItem = new Map<string, DecisionView[]>();
	for (const d of decisions) if (d.item_id) byItem.set(d.item_id, [...(byItem.get(d.item_id) ?? []), decisionView(d)]);
	return {
		items: items.map((i) => ({
			id: i.id,
			kind: i.content_kind,
			path: i.path,
			excerpt: i.excerpt,
			state: i.state,
			hiddenBy: i.hidden_by,
			reason: i.reason,
			note: i.note,
			needsReview: i.needs_review,
			history: byItem.get(i.id) ?? []
		})),
		sanctions: decisions.filter((d) => !d.item_id).map(decisionView),
		suspensions: suspensions.map((s) => ({ corporationName: s.name, until: new Date(s.ends_at) }))
	};
}

export interface StaffModeration {
	buurten: { id: string; name: string; hideAfter: number }[];
	suspensions: { id: string; name: string; until: Date; reason: ReportReason }[];
}

/** Staff: the buurten of their corporations with their threshold, and running suspensions (full names). */
export async function staffModeration(q: Queryable, actor: Actor, now: Date): Promise<StaffModeration> {
	const corps = staffCorporationIds(actor);
	if (!corps.length) throw new DomainError('moderation.forbidden');
	const [buurten, suspensions] = await Promise.all([
		q.query<{ id: string; name: string; hide_after: number | null }>(
			'SELECT b.id, b.name, s.hide_after FROM buurten b LEFT JOIN moderation_settings s ON s.buurt_id = b.id WHERE b.corporation_id = ANY($1::uuid[]) ORDER BY b.name',
			[corps]
		),
		q.query<{ id: string; name: string; ends_at: Date; reason: ReportReason }>(
			`SELECT s.id, a.name, s.ends_at, s.reason FROM moderation_suspensions s JOIN accounts a ON a.id = s.account_id
			 WHERE s.corporation_id = ANY($1::uuid[]) AND s.lifted_at IS NULL AND s.ends_at > $2 ORDER BY s.ends_at`,
			[corps, now]
		)
	]);
	return {
		buurten: buurten.map((b) => ({ id: b.id, name: b.name, hideAfter: b.hide_after ? Number(b.hide_after) : DEFAULT_HIDE_AFTER })),
		suspensions: suspensions.map((s) => ({ id: s.id, name: s.name, until: new Date(s.ends_at), reason: s.reason }))
	};
}
