import { z } from 'zod';
import type { Db, Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { pageNumber } from '../shared/text';
import { isMemberOf, isStaffOf, staffCorporationIds, type Actor } from '../people';
import { allowedActions, canSeeDetails, canSeePrivateLocation, isHandlerOf, isReporterOf, reporterNameFor } from './policy';
import { isFollower, reportFor } from './engine';
import { ensureDefaultCategories, questionsOf } from './categories';
import { dutchDate } from './working-days';
import { categoryColumns, isOpen, publicStateOf, reportColumns, reportFrom, reportStates, REOPEN_DAYS, DAY_MS, type CategoryRow, type QuestionRow, type ReportRow, type ReportState } from './model';
import type { TransitionAction } from './state-machine';

/**
 * Reads for pages and the API, scoped by the actor: "my reports" (reported or followed), the
 * staff queue with its filters, the public list of a buurt, a partner's work orders, one report,
 * and the category tree. Each list is one query (names and counts joined in, no N+1).
 */
const PAGE = 50;

/** One report as this actor may see it (fields they may not see are null). */
export interface ReportView {
	row: ReportRow;
	isMine: boolean;
	isFollowing: boolean;
	details: boolean;
	description: string | null;
	answers: Record<string, string | number | boolean> | null;
	reporterName: string | null;
	unitAddress: string | null;
	overdue: boolean;
	supporters: number;
	followers: number;
	/** Who handles it (team, colleague, supplier): for the reporter and the handler. */
	showHandler: boolean;
}

type ListRow = ReportRow & { supporters: number; followers: number; is_following: boolean; unit_address: string | null };

const listColumns = `${reportColumns},
	(SELECT count(*)::int FROM report_followers f WHERE f.report_id = r.id AND f.supports) AS supporters,
	(SELECT count(*)::int FROM report_followers f WHERE f.report_id = r.id) AS followers,
	EXISTS (SELECT 1 FROM report_followers f WHERE f.report_id = r.id AND f.account_id = $1) AS is_following,
	(SELECT u.street || ' ' || u.house_number || CASE WHEN u.addition = '' THEN '' ELSE '-' || u.addition END FROM units u WHERE u.id = r.unit_id) AS unit_address`;

export function viewOf(actor: Actor, r: ListRow, today: string): ReportView {
	const details = canSeeDetails(actor, r);
	return {
		row: r,
		isMine: isReporterOf(actor, r),
		isFollowing: r.is_following,
		details,
		description: details ? r.description : null,
		answers: details ? r.answers : null,
		reporterName: reporterNameFor(actor, r),
		unitAddress: canSeePrivateLocation(actor, r) ? r.unit_address : null,
		overdue: isOpen(r.state) && r.due_on < today,
		supporters: r.supporters,
		followers: isHandlerOf(actor, r) ? r.followers : 0,
		showHandler: isHandlerOf(actor, r) || isReporterOf(actor, r)
	};
}

const listSchema = z.object({ page: pageNumber(), state: z.enum(reportStates, 'validation.choice').optional() });

/** The actor's own reports and those they follow, newest first. */
export async function listMyReports(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<ReportView[]> {
	const v = parseInput(listSchema, input);
	const rows = await db.query<ListRow>(
		`SELECT ${listColumns} ${reportFrom}
		 WHERE r.id IN (SELECT id FROM reports WHERE reporter_id = $1 UNION SELECT report_id FROM report_followers WHERE account_id = $1)
		   AND ($2::text IS NULL OR r.state = $2)
		 ORDER BY r.created_at DESC, r.id LIMIT ${PAGE} OFFSET $3`,
		[actor.accountId, v.state ?? null, (v.page - 1) * PAGE]
	);
	return rows.map((r) => viewOf(actor, r, dutchDate(now)));
}

const publicListSchema = listSchema.extend({ buurtId: z.uuid('reports.buurt_not_found') });

/**
 * The public reports of a buurt (never a private one, nor a withdrawn one), for its members and
 * the corporation's staff. Errors: reports.buurt_not_found (unknown, or not the actor's buurt).
 */
export async function listBuurtReports(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<ReportView[]> {
	const v = parseInput(publicListSchema, input);
	const [b] = await db.query<{ corporation_id: string }>('SELECT corporation_id FROM buurten WHERE id = $1', [v.buurtId]);
	if (!b || !(isMemberOf(actor, v.buurtId) || isStaffOf(actor, b.corporation_id))) throw new DomainError('reports.buurt_not_found');
	const rows = await db.query<ListRow>(
		`SELECT ${listColumns} ${reportFrom}
		 WHERE r.buurt_id = $2 AND r.visibility = 'public' AND r.state <> 'withdrawn' AND ($3::text IS NULL OR r.state = $3)
		 ORDER BY r.created_at DESC, r.id LIMIT ${PAGE} OFFSET $4`,
		[actor.accountId, v.buurtId, v.state ?? null, (v.page - 1) * PAGE]
	);
	return rows.map((r) => viewOf(actor, r, dutchDate(now)));
}

export const queueSchema = listSchema.extend({
	corporationId: z.uuid('reports.forbidden').optional(),
	categoryId: z.uuid('reports.unknown_category').optional(),
	buurtId: z.uuid('reports.buurt_not_found').optional(),
	teamId: z.uuid('validation.format').optional(),
	/** 'me', 'none' (nobody yet), or a staff member's id. */
	assignee: z.union([z.enum(['me', 'none']), z.uuid('validation.format')], 'validation.format').optional(),
	overdue: z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? undefined : v), z.boolean('validation.type').optional()),
	open: z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? undefined : v), z.boolean('validation.type').optional())
});

/** The staff queue of the actor's corporation, oldest due first. Errors: reports.forbidden (not staff). */
export async function listStaffQueue(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<ReportView[]> {
	const v = parseInput(queueSchema, input);
	const corporationId = v.corporationId ?? staffCorporationIds(actor)[0];
	if (!corporationId || !isStaffOf(actor, corporationId)) throw new DomainError('reports.forbidden');
	const today = dutchDate(now);
	const assignee = v.assignee === 'me' ? actor.accountId : v.assignee;
	const rows = await db.query<ListRow>(
		`SELECT ${listColumns} ${reportFrom}
		 WHERE r.corporation_id = $2 AND ($3::text IS NULL OR r.state = $3) AND ($4::uuid IS NULL OR r.category_id = $4 OR c.parent_id = $4)
		   AND ($5::uuid IS NULL OR r.buurt_id = $5) AND ($6::uuid IS NULL OR r.team_id = $6)
		   AND ($7::text IS NULL OR ($7 = 'none' AND r.assignee_id IS NULL) OR r.assignee_id::text = $7)
		   AND (NOT $8::boolean OR (r.closed_at IS NULL AND r.due_on < $9::date))
		   AND (NOT $10::boolean OR r.closed_at IS NULL)
		 ORDER BY r.closed_at IS NOT NULL, r.due_on, r.created_at, r.id LIMIT ${PAGE} OFFSET $11`,
		[actor.accountId, corporationId, v.state ?? null, v.categoryId ?? null, v.buurtId ?? null, v.teamId ?? null, assignee ?? null, v.overdue ?? false, today, v.open ?? false, (v.page - 1) * PAGE]
	);
	return rows.map((r) => viewOf(actor, r, today));
}

/** A partner's work orders: the reports routed to their organisation(s). */
export async function listWorkOrders(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<ReportView[]> {
	const v = parseInput(listSchema, input);
	const orgs = actor.partners.map((p) => p.organisationId);
	if (!orgs.length) return [];
	const rows = await db.query<ListRow>(
		`SELECT ${listColumns} ${reportFrom} WHERE r.organisation_id = ANY($2::uuid[]) AND ($3::text IS NULL OR r.state = $3)
		 ORDER BY r.closed_at IS NOT NULL, r.due_on, r.created_at, r.id LIMIT ${PAGE} OFFSET $4`,
		[actor.accountId, orgs, v.state ?? null, (v.page - 1) * PAGE]
	);
	return rows.map((r) => viewOf(actor, r, dutchDate(now)));
}

export interface HistoryView {
	at: Date;
	action: string;
	fromState: ReportState | null;
	toState: ReportState;
	role: string;
	actorName: string | null;
	note: string | null;
	/**
	 * What the step names, for the handler only (staff and the partner): the date planned, the
	 * party assigned or forwarded to, the report merged into, the photos of a closed work order.
	 */
	details: Record<string, unknown> | null;
}

export interface ReportDetail extends ReportView {
	history: HistoryView[];
	actions: TransitionAction[];
	satisfaction: { score: number; comment: string | null; answeredAt: Date } | null;
	/** The reporter may answer the satisfaction question now. */
	canAnswerSatisfaction: boolean;
	canReopenUntil: Date | null;
	/** The reporter's photos ('report') and a handler's closing photos ('work_order'). */
	photos: { id: string; position: number; contentType: string; purpose: 'report' | 'work_order' }[];
	questions: QuestionRow[];
}

/**
 * One report as the actor may see it: notes in the history are for the reporter, followers and
 * the handler (the buurt sees the steps, not the notes); the satisfaction answer for the reporter
 * and staff. Errors: reports.not_found.
 */
export async function getReportDetail(db: Queryable, actor: Actor, id: string, now: Date): Promise<ReportDetail> {
	const base = await reportFor(db, actor, id);
	const [row] = await db.query<ListRow>(`SELECT ${listColumns} ${reportFrom} WHERE r.id = $2`, [actor.accountId, base.id]);
	const view = viewOf(actor, row, dutchDate(now));
	const involved = view.isMine || view.isFollowing || isHandlerOf(actor, row) || (await isFollower(db, row.id, actor.accountId));
	const staff = isStaffOf(actor, row.corporation_id);
	const handler = isHandlerOf(actor, row);
	const [history, [sat], photos, questions] = await Promise.all([
		db.query<{ at: Date; action: string; from_state: ReportState | null; to_state: ReportState; actor_role: string; actor_name: string | null; note: string | null; details: Record<string, unknown> }>(
			`SELECT h.at, h.action, h.from_state, h.to_state, h.actor_role, a.name AS actor_name, h.note, h.details FROM report_history h
			 LEFT JOIN accounts a ON a.id = h.actor_id WHERE h.report_id = $1 ORDER BY h.seq`,
			[row.id]
		),
		db.query<{ score: number; comment: string | null; answered_at: Date }>('SELECT score, comment, answered_at FROM report_satisfaction WHERE report_id = $1', [row.id]),
		db.query<{ id: string; position: number; content_type: string; purpose: 'report' | 'work_order' }>(
			'SELECT id, position, content_type, purpose FROM report_photos WHERE report_id = $1 ORDER BY purpose, position',
			[row.id]
		),
		view.details ? questionsOf(db, [row.category_id]) : Promise.resolve([])
	]);
	const reopenUntil = row.state === 'resolved' && row.resolved_at ? new Date(row.resolved_at.getTime() + REOPEN_DAYS * DAY_MS) : null;
	return {
		...view,
		history: history
			.filter((h) => involved || h.action !== 'assign')
			.map((h) => ({
				at: h.at,
				action: h.action,
				fromState: h.from_state,
				toState: h.to_state,
				role: h.actor_role,
				// Staff read who did it; others read the step (the corporation acts as one).
				actorName: staff ? h.actor_name : null,
				note: involved ? h.note : null,
				details: handler ? h.details : null
			})),
		actions: allowedActions(actor, row).filter((a) => a !== 'reopen' || (reopenUntil !== null && reopenUntil >= now)),
		satisfaction: sat && (view.isMine || staff) ? { score: sat.score, comment: sat.comment, answeredAt: sat.answered_at } : null,
		canAnswerSatisfaction: view.isMine && row.state === 'resolved' && !sat,
		canReopenUntil: view.isMine && reopenUntil && reopenUntil >= now ? reopenUntil : null,
		// A closing photo may show the inside of a home: the reporter and the handler only.
		photos: view.details ? photos.filter((p) => p.purpose === 'report' || canSeePrivateLocation(actor, row)).map((p) => ({ id: p.id, position: p.position, contentType: p.content_type, purpose: p.purpose })) : [],
		questions
	};
}

export { publicStateOf };

export interface CategoryTree {
	categories: (CategoryRow & { questions: QuestionRow[] })[];
}

/**
 * The category tree of a corporation (the defaults are made on first use), with each category's
 * questions: active ones for members, all for staff. Members and partners read their own
 * corporation's; corporationId defaults to the actor's first. Errors: reports.forbidden.
 */
export async function listCategories(db: Db, actor: Actor, corporationId: string | undefined, now: Date): Promise<CategoryTree> {
	const mine = [...new Set([...staffCorporationIds(actor), ...actor.memberships.map((m) => m.corporationId), ...actor.partners.map((p) => p.corporationId)])];
	const id = corporationId ?? mine[0];
	if (!id || !mine.includes(id)) throw new DomainError('reports.forbidden');
	const staff = isStaffOf(actor, id);
	await db.transaction((tx) => ensureDefaultCategories(tx, id, now));
	const categories = await db.query<CategoryRow>(`SELECT ${categoryColumns} FROM report_categories WHERE corporation_id = $1 AND ($2 OR active) ORDER BY position, name_nl, id`, [id, staff]);
	const questions = await questionsOf(db, categories.map((c) => c.id));
	return { categories: categories.map((c) => ({ ...c, questions: questions.filter((q) => q.category_id === c.id && (staff || q.active)) })) };
}

/** The report a help request became (the asker follows it from their request page), or null. */
export async function reportForHelpRequest(db: Queryable, actor: Actor, helpRequestId: string): Promise<{ id: string; state: ReportState } | null> {
	if (!/^[0-9a-f-]{36}$/i.test(helpRequestId)) return null;
	const [r] = await db.query<{ id: string }>('SELECT id FROM reports WHERE source_help_request_id = $1', [helpRequestId]);
	if (!r) return null;
	try {
		const row = await reportFor(db, actor, r.id);
		return { id: row.id, state: row.state };
	} catch (e) {
		if (e instanceof DomainError) return null;
		throw e;
	}
}
