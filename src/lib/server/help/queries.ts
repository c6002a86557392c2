import { z } from 'zod';
import { pageNumber, requiredIdOf } from '../shared/text';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { buurtInScope, isStaffOf, neighbourName, shownStreets, type Actor } from '../people';
import { activeSupervisorIds, loadRequest } from './engine';
import { allowedActions, canPostMessage, canReadThread, canReportMessage, canSeeFreeText, canSeeHistory, canViewRequest, isSupervisorOf, mayReadZorgWithReason } from './policy';
import { zorgReadsOf } from './read-zorg-details';
import { getHelpSettings } from './settings';
import { DAY_MS, firstName, isoDay, type Category, type HelpRequestRow, type HelpState, type RedirectKind, type ZorgLabel } from './model';
import type { HelpAction, HelpRole } from './state-machine';
import { moderationColumn, shownModeration, type RawModeration, type ShownModeration } from '../moderation';

/**
 * Read side: what each person may see of requests, already filtered by the policies. Pages and
 * the API both use these; nothing here writes (except the audit of a staff member reading a zorg
 * request's private text).
 */

export interface RequestSummary {
	id: string;
	buurtId: string;
	buurtName: string;
	category: Category;
	zorgLabel: ZorgLabel | null;
	/** Null when the viewer may not read the free text (a zorg request, for the buurt). */
	title: string | null;
	state: HelpState;
	urgency: HelpRequestRow['urgency'];
	when: HelpRequestRow['when_kind'];
	whenDate: string | null;
	place: HelpRequestRow['place'];
	createdAt: Date;
	publishedAt: Date | null;
	waitingSince: Date | null;
	/** The asker's first name (null for zorg unless the viewer may read it, and for namens requests). */
	askerName: string | null;
	/** Asked on behalf of a neighbour, by this person (first name). */
	viaName: string | null;
	/** The helper's first name, on the asker's own requests only (their face on the asker's home). */
	helperName: string | null;
	isMine: boolean;
	isHelping: boolean;
}

type SummaryRow = Pick<
	HelpRequestRow,
	| 'id'
	| 'buurt_id'
	| 'buurt_name'
	| 'corporation_id'
	| 'category'
	| 'zorg_label'
	| 'title'
	| 'state'
	| 'urgency'
	| 'when_kind'
	| 'when_date'
	| 'place'
	| 'created_at'
	| 'published_at'
	| 'waiting_since'
	| 'asker_id'
	| 'proxy_id'
	| 'helper_id'
	| 'checker_id'
> & { asker_name: string | null; proxy_name: string | null; helper_name: string | null };

const summaryColumns = `r.id, r.buurt_id, b.name AS buurt_name, b.corporation_id, r.category, r.zorg_label, r.title, r.state,
	r.urgency, r.when_kind, to_char(r.when_date, 'YYYY-MM-DD') AS when_date, r.place, r.created_at, r.published_at,
	r.waiting_since, r.asker_id, r.proxy_id, r.helper_id, r.checker_id, a.name AS asker_name, p.name AS proxy_name, h.name AS helper_name`;
const summaryFrom = `FROM help_requests r JOIN buurten b ON b.id = r.buurt_id
	LEFT JOIN accounts a ON a.id = r.asker_id LEFT JOIN accounts p ON p.id = r.proxy_id LEFT JOIN accounts h ON h.id = r.helper_id`;

/** `streets`: the streets people chose to show next to their first name (people shownStreets). */
export function summarize(actor: Actor, r: SummaryRow, buurtHasSupervisor: boolean, readWithReason = false, streets: ReadonlyMap<string, string> = new Map()): RequestSummary {
	const text = canSeeFreeText(actor, r, buurtHasSupervisor, readWithReason);
	const isMine = actor.accountId === r.asker_id || actor.accountId === r.proxy_id;
	return {
		id: r.id,
		buurtId: r.buurt_id,
		buurtName: r.buurt_name,
		category: r.category,
		zorgLabel: r.zorg_label,
		title: text ? r.title : null,
		state: r.state,
		urgency: r.urgency,
		when: r.when_kind,
		whenDate: r.when_date,
		place: r.place,
		createdAt: r.created_at,
		publishedAt: r.published_at,
		waitingSince: r.waiting_since,
		askerName: text && r.asker_id ? neighbourName(r.asker_name, streets.get(r.asker_id)) : null,
		viaName: r.proxy_id ? neighbourName(r.proxy_name, streets.get(r.proxy_id)) : null,
		helperName: isMine && r.helper_id && r.helper_name ? neighbourName(r.helper_name, streets.get(r.helper_id)) : null,
		isMine,
		isHelping: actor.accountId === r.helper_id
	};
}

const hasSupervisor = async (q: Queryable, buurtId: string, today: Date) => (await activeSupervisorIds(q, buurtId, today)).length > 0;

/** Buurten whose requests the actor may list: where they are a member or supervisor, or staff. */
export async function listHelpBuurten(db: Queryable, actor: Actor): Promise<{ id: string; name: string; corporationId: string }[]> {
	const corporations = actor.staff.map((s) => s.corporationId);
	return db.query(
		`SELECT id, name, corporation_id AS "corporationId" FROM buurten
		 WHERE id = ANY($1::uuid[]) OR corporation_id = ANY($2::uuid[]) ORDER BY name`,
		[[...actor.memberBuurtIds, ...actor.supervisorBuurtIds], corporations]
	);
}

export const listOpenRequestsSchema = z.object({
	/** Required: someone who sees several buurten (staff) or none names one (400, help.buurt_required). */
	buurtId: requiredIdOf('help.not_found', 'help.buurt_required'),
	/** newest: published most recently first; oldest: waiting longest first. */
	sort: z.enum(['newest', 'oldest']).default('newest'),
	page: pageNumber(),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});

export interface OpenRequestList {
	buurt: { id: string; name: string };
	requests: RequestSummary[];
	total: number;
	waiting: number;
	page: number;
	pages: number;
	sort: 'newest' | 'oldest';
}

/**
 * The buurt's published requests that nobody has taken yet, newest or oldest-waiting first, a
 * page at a time (index help_requests_buurt_state). Members of the buurt, its supervisors and
 * staff of its corporation; anyone else: help.not_found.
 */
export async function listOpenRequests(db: Queryable, actor: Actor, input: unknown, today: Date): Promise<OpenRequestList> {
	const v = parseInput(listOpenRequestsSchema, input);
	const buurt = await buurtInScope(db, actor, v.buurtId, 'help', 'help.not_found');
	const [counts] = await db.query<{ total: number; waiting: number }>(
		`SELECT count(*)::int AS total, count(waiting_since)::int AS waiting FROM help_requests WHERE buurt_id = $1 AND state = 'published'`,
		[buurt.id]
	);
	const rows = await db.query<SummaryRow>(
		`SELECT ${summaryColumns} ${summaryFrom}
		 WHERE r.buurt_id = $1 AND r.state = 'published'
		 ORDER BY r.published_at ${v.sort === 'newest' ? 'DESC' : 'ASC'}, r.id
		 LIMIT $2 OFFSET $3`,
		[buurt.id, v.pageSize, (v.page - 1) * v.pageSize]
	);
	const supervised = await hasSupervisor(db, buurt.id, today);
	const streets = await shownStreets(db, rows.flatMap((r) => [r.asker_id, r.proxy_id]), today, buurt.id);
	return {
		buurt: { id: buurt.id, name: buurt.name },
		requests: rows.map((r) => summarize(actor, r, supervised, false, streets)),
		total: counts.total,
		waiting: counts.waiting,
		page: v.page,
		pages: Math.max(1, Math.ceil(counts.total / v.pageSize)),
		sort: v.sort
	};
}

/** What the actor asked (also on behalf of others) and what they are helping with, newest first. */
export async function listMyRequests(db: Queryable, actor: Actor, today: Date): Promise<{ asked: RequestSummary[]; helping: RequestSummary[] }> {
	const rows = await db.query<SummaryRow>(
		`SELECT ${summaryColumns} ${summaryFrom}
		 WHERE r.asker_id = $1 OR r.proxy_id = $1 OR r.helper_id = $1
		 ORDER BY r.updated_at DESC LIMIT 100`,
		[actor.accountId]
	);
	// The actor is asker or helper of each row, so the free text is always theirs to see.
	const streets = await shownStreets(db, rows.flatMap((r) => [r.asker_id, r.proxy_id, r.helper_id]), today);
	const all = rows.map((r) => summarize(actor, r, true, false, streets));
	return { asked: all.filter((r) => r.isMine), helping: all.filter((r) => r.isHelping) };
}

export interface CheckQueue {
	toCheck: (RequestSummary & { staffTurn: boolean })[];
	waiting: RequestSummary[];
	disputed: RequestSummary[];
	redirected: RequestSummary[];
	/** Buurten (of the staff member's corporation) with no active supervisor: staff check there. */
	unsupervised: { id: string; name: string }[];
}

/**
 * The supervisor's (and staff's) work list: requests to check (never one's own), published
 * requests flagged as waiting, and for staff the disputes to mediate and redirected requests.
 */
export async function listCheckQueue(db: Queryable, actor: Actor, today: Date): Promise<CheckQueue> {
	const corporations = [...new Set(actor.staff.map((s) => s.corporationId))];
	const scope = `(r.buurt_id = ANY($1::uuid[]) OR b.corporation_id = ANY($2::uuid[]))`;
	const day = isoDay(today);
	const activeTerm = `EXISTS (SELECT 1 FROM supervisor_terms t WHERE t.buurt_id = r.buurt_id AND t.approved_at IS NOT NULL AND t.starts_on <= $3::date
		AND t.ends_on > $3::date AND (t.ended_early_on IS NULL OR t.ended_early_on > $3::date))`;
	const rows = await db.query<SummaryRow & { supervised: boolean }>(
		`SELECT ${summaryColumns}, ${activeTerm} AS supervised ${summaryFrom}
		 WHERE ${scope} AND (r.state IN ('to_check', 'disputed') OR (r.state = 'published' AND r.waiting_since IS NOT NULL)
		   OR (r.state = 'redirected' AND b.corporation_id = ANY($2::uuid[]) AND r.updated_at > $3::date - 60))
		 ORDER BY r.created_at ASC LIMIT 500`,
		[actor.supervisorBuurtIds, corporations, day]
	);
	const mine = (r: SummaryRow) => r.asker_id === actor.accountId || r.proxy_id === actor.accountId;
	// Staff see a zorg request's title only after they recorded a reason to read it.
	const read = new Set((await zorgReadsOf(db, rows.filter((r) => r.category === 'zorg').map((r) => r.id))).filter((z) => z.readerId === actor.accountId).map((z) => z.requestId));
	const streets = await shownStreets(db, rows.flatMap((r) => [r.asker_id, r.proxy_id]), today);
	const s = (r: SummaryRow & { supervised: boolean }) => summarize(actor, r, r.supervised, read.has(r.id), streets);
	const unsupervised = corporations.length
		? await db.query<{ id: string; name: string }>(
				`SELECT b.id, b.name FROM buurten b WHERE b.corporation_id = ANY($1::uuid[]) AND NOT EXISTS (
					SELECT 1 FROM supervisor_terms t WHERE t.buurt_id = b.id AND t.approved_at IS NOT NULL AND t.starts_on <= $2::date AND t.ends_on > $2::date
					AND (t.ended_early_on IS NULL OR t.ended_early_on > $2::date)) ORDER BY b.name`,
				[corporations, day]
			)
		: [];
	return {
		toCheck: rows.filter((r) => r.state === 'to_check' && !mine(r)).map((r) => ({ ...s(r), staffTurn: !r.supervised })),
		waiting: rows.filter((r) => r.state === 'published').map(s),
		disputed: rows.filter((r) => r.state === 'disputed' && corporations.includes(r.corporation_id)).map(s),
		redirected: rows.filter((r) => r.state === 'redirected').map(s),
		unsupervised
	};
}

export interface HistoryItem {
	at: Date;
	action: string;
	fromState: HelpState | null;
	toState: HelpState;
	role: HelpRole;
	/** First name of who did it; null for the system. */
	actorName: string | null;
	reason: string | null;
	/** A rephrase: what the asker wrote and what it became (only for who may read the text). */
	changes: { field: string; before: string | null; after: string | null }[];
}

export interface ThreadMessage {
	id: number;
	at: Date;
	authorName: string;
	isMine: boolean;
	kind: 'text' | 'shared_address';
	/** Empty when hidden or removed after a report (only its author reads it then, see moderation). */
	body: string;
	moderation: ShownModeration;
	/** The other side of the thread may report it (to staff only: a thread is private). */
	canReport: boolean;
}

export interface RequestDetail extends RequestSummary {
	description: string | null;
	placeNote: string | null;
	onBehalfName: string | null;
	consentNote: string | null;
	updateChannel: HelpRequestRow['update_channel'];
	redirectKind: RedirectKind | null;
	helperName: string | null;
	checkerName: string | null;
	checkedAs: HelpRequestRow['checked_as'];
	takenAt: Date | null;
	doneAt: Date | null;
	confirmedAt: Date | null;
	canSeeText: boolean;
	history: HistoryItem[] | null;
	messages: ThreadMessage[] | null;
	actions: HelpAction[];
	canPost: boolean;
	isHelper: boolean;
	isSupervisor: boolean;
	isStaff: boolean;
	/** Done and not yet confirmed: the day it confirms itself. */
	autoConfirmOn: string | null;
	reward: { status: 'pending' | 'paid'; cents: number } | null;
	/** Staff reads of a zorg request's text, for the asker (reader's first name) and staff; null for others. */
	zorgReads: { at: Date; readerName: string; reason: string }[] | null;
	/** Staff whose turn it is may open the zorg text by giving a reason (readZorgDetails). */
	mayReadZorg: boolean;
	/** The raw text fields for forms (rephrase on publish, edit on resubmit); only with canSeeText. */
	text: { category: Category; zorgLabel: ZorgLabel | null; title: string; description: string } | null;
}

/**
 * One request as the actor may see it: text only where the privacy rules allow, history and
 * reasons for the people involved, the thread for asker and helper, and the actions this actor
 * can take now. Unknown or not visible (e.g. another buurt's): help.not_found.
 */
export async function getRequestDetail(db: Queryable, actor: Actor, requestId: string, now: Date): Promise<RequestDetail> {
	if (!z.uuid().safeParse(requestId).success) throw new DomainError('help.not_found');
	const r = await loadRequest(db, requestId);
	if (!r || !canViewRequest(actor, r)) throw new DomainError('help.not_found');
	const supervised = await hasSupervisor(db, r.buurt_id, now);
	const reads = r.category === 'zorg' ? await zorgReadsOf(db, [r.id]) : [];
	const readWithReason = reads.some((z) => z.readerId === actor.accountId);
	const text = canSeeFreeText(actor, r, supervised, readWithReason);
	const names = new Map(
		(
			await db.query<{ id: string; name: string }>('SELECT id, name FROM accounts WHERE id = ANY($1::uuid[])', [
				[r.asker_id, r.proxy_id, r.helper_id, r.checker_id].filter(Boolean)
			])
		).map((a) => [a.id, a.name])
	);
	// Neighbours by first name, with the street where the person chose to show it (people/names.ts).
	const streets = await shownStreets(db, [r.asker_id, r.proxy_id, r.helper_id, r.checker_id], now, r.buurt_id);
	const nameOf = (id: string | null) => (id && names.has(id) ? neighbourName(names.get(id), streets.get(id)) : null);
	const involved = canSeeHistory(actor, r);

	let history: HistoryItem[] | null = null;
	if (involved) {
		const rows = await db.query<{ at: Date; action: string; from_state: HelpState | null; to_state: HelpState; actor_role: HelpRole; actor_id: string | null; actor_name: string | null; reason: string | null; details: { changed?: string[]; before?: Record<string, string | null>; after?: Record<string, string | null> } }>(
			`SELECT h.at, h.action, h.from_state, h.to_state, h.actor_role, h.actor_id, a.name AS actor_name, h.reason, h.details
			 FROM help_history h LEFT JOIN accounts a ON a.id = h.actor_id WHERE h.request_id = $1 ORDER BY h.id`,
			[r.id]
		);
		const historyStreets = await shownStreets(db, rows.map((h) => h.actor_id), now, r.buurt_id);
		history = rows.map((h) => ({
			at: h.at,
			action: h.action,
			fromState: h.from_state,
			toState: h.to_state,
			role: h.actor_role,
			actorName: h.actor_name ? neighbourName(h.actor_name, h.actor_id ? historyStreets.get(h.actor_id) : null) : null,
			reason: h.reason,
			changes: text && h.details?.changed ? h.details.changed.map((field) => ({ field, before: h.details.before?.[field] ?? null, after: h.details.after?.[field] ?? null })) : []
		}));
	}
	let messages: ThreadMessage[] | null = null;
	if (canReadThread(actor, r)) {
		const rows = await db.query<{ id: number; at: Date; author_id: string; author_name: string; kind: 'text' | 'shared_address'; body: string; moderation: RawModeration | null }>(
			`SELECT m.id, m.at, m.author_id, a.name AS author_name, m.kind, m.body, ${moderationColumn('help_message', 'm.id')} FROM help_messages m JOIN accounts a ON a.id = m.author_id
			 WHERE m.request_id = $1 ORDER BY m.id`,
			[r.id]
		);
		messages = rows.map((m) => {
			// Hidden or removed after a report: only its author reads the words (moderation's rule).
			const moderation = shownModeration(actor, m.author_id, m.moderation);
			return {
				...{ id: Number(m.id), at: m.at, authorName: neighbourName(m.author_name, streets.get(m.author_id)), isMine: m.author_id === actor.accountId, kind: m.kind },
				body: moderation.showText ? m.body : '',
				moderation,
				canReport: m.kind === 'text' && moderation.state === 'visible' && canReportMessage(actor, r, m.author_id)
			};
		});
	}
	const isStaff = isStaffOf(actor, r.corporation_id);
	const isSupervisor = isSupervisorOf(actor, r.buurt_id);
	if (text && r.category === 'zorg' && isStaff && !isSupervisor && actor.accountId !== r.proxy_id && actor.accountId !== r.asker_id) {
		// Staff reading a zorg request's private text is a sensitive read.
		await recordAudit(db, { at: now, actorId: actor.accountId, action: 'help.zorg_text_read', subject: `help_request:${r.id}` });
	}
	let autoConfirmOn: string | null = null;
	if (r.state === 'done' && r.done_at) autoConfirmOn = isoDay(new Date(r.done_at.getTime() + (await getHelpSettings(db, r.buurt_id)).autoConfirmDays * DAY_MS));
	const [reward] = involved
		? await db.query<{ status: 'pending' | 'paid'; cents: number }>(
				'SELECT status, (asker_cents + supervisor_cents + helper_cents)::int AS cents FROM help_rewards WHERE request_id = $1',
				[r.id]
			)
		: [];
	const summary = summarize(actor, { ...r, asker_name: null, proxy_name: null, helper_name: null }, supervised, readWithReason);
	// The asker sees every staff read of their zorg text (who, when, why); staff see them too.
	const seesReads = actor.accountId === r.asker_id || actor.accountId === r.proxy_id || isStaff;
	const mayProxyDetails = text && (actor.accountId === r.proxy_id || isSupervisor || isStaff);
	return {
		...summary,
		askerName: text ? nameOf(r.asker_id) : null,
		viaName: nameOf(r.proxy_id),
		description: text ? r.description : null,
		placeNote: text ? r.place_note : null,
		onBehalfName: text ? r.on_behalf_name : null,
		consentNote: mayProxyDetails ? r.consent_note : null,
		updateChannel: r.update_channel,
		redirectKind: r.redirect_kind,
		helperName: nameOf(r.helper_id),
		checkerName: involved ? nameOf(r.checker_id) : null,
		checkedAs: r.checked_as,
		takenAt: r.taken_at,
		doneAt: r.done_at,
		confirmedAt: r.confirmed_at,
		canSeeText: text,
		history,
		messages,
		actions: allowedActions(actor, r),
		canPost: canPostMessage(actor, r),
		isHelper: actor.accountId === r.helper_id,
		isSupervisor,
		isStaff,
		autoConfirmOn,
		reward: reward ?? null,
		text: text ? { category: r.category, zorgLabel: r.zorg_label, title: r.title, description: r.description } : null,
		zorgReads: seesReads && r.category === 'zorg' ? reads.map((z) => ({ at: z.at, readerName: isStaff ? z.readerName : firstName(z.readerName), reason: z.reason })) : null,
		mayReadZorg: !text && mayReadZorgWithReason(actor, r, supervised)
	};
}
