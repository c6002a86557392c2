import { z } from 'zod';
import { pageNumber, requiredIdOf } from '../shared/text';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { jsonRows, part, readPart, withDates, type ReadPart } from '../db/parts';
import { neighbourName, seesBuurt, shownStreetSql, streetsOf, type Actor } from '../people';
import { canSeeFreeText } from './policy';
import { isoDay, type Category, type HelpRequestRow, type HelpState, type ZorgLabel } from './model';

/**
 * The lists of requests (open in a buurt, my own, the check queue), each one statement: written
 * as parts (db/parts.ts) so a page — the home — can read several of them in one round trip. The
 * streets people chose to show come with each row (people's shownStreetSql), not in a second query.
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

export type SummaryRow = Pick<
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

export const summaryColumns = `r.id, r.buurt_id, b.name AS buurt_name, b.corporation_id, r.category, r.zorg_label, r.title, r.state,
	r.urgency, r.when_kind, to_char(r.when_date, 'YYYY-MM-DD') AS when_date, r.place, r.created_at, r.published_at,
	r.waiting_since, r.asker_id, r.proxy_id, r.helper_id, r.checker_id, a.name AS asker_name, p.name AS proxy_name, h.name AS helper_name`;
export const summaryFrom = `FROM help_requests r JOIN buurten b ON b.id = r.buurt_id
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

const dates = ['created_at', 'published_at', 'waiting_since'] as const;
type StreetRow = SummaryRow & { asker_street: string | null; proxy_street: string | null; helper_street?: string | null };
const rowsOf = <R extends StreetRow>(v: unknown) => withDates(v as R[], dates);
const streetsIn = (rows: readonly StreetRow[]) =>
	streetsOf(rows.flatMap((r) => [[r.asker_id, r.asker_street], [r.proxy_id, r.proxy_street], [r.helper_id, r.helper_street]] as const));
const activeTermOf = (buurt: string, day: string) => `EXISTS (SELECT 1 FROM supervisor_terms t WHERE t.buurt_id = ${buurt} AND t.approved_at IS NOT NULL
	AND t.starts_on <= ${day}::date AND t.ends_on > ${day}::date AND (t.ended_early_on IS NULL OR t.ended_early_on > ${day}::date))`;

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
 * page at a time (index help_requests_buurt_state), as a part. Members of the buurt, its
 * supervisors and staff of its corporation; anyone else: help.not_found (when read).
 */
export function openRequestsPart(actor: Actor, input: unknown, today: Date): ReadPart<OpenRequestList> {
	const v = parseInput(listOpenRequestsSchema, input);
	return part(
		`json_build_object(
		'buurt', (SELECT json_build_object('id', id, 'name', name, 'corporation_id', corporation_id) FROM buurten WHERE id = $1),
		'counts', (SELECT json_build_object('total', count(*)::int, 'waiting', count(waiting_since)::int) FROM help_requests WHERE buurt_id = $1 AND state = 'published'),
		'supervised', ${activeTermOf('$1', '$4')},
		'rows', ${jsonRows(`SELECT ${summaryColumns}, ${shownStreetSql('r.asker_id', '$4', '$1')} AS asker_street, ${shownStreetSql('r.proxy_id', '$4', '$1')} AS proxy_street
			${summaryFrom}
			WHERE r.buurt_id = $1 AND r.state = 'published'
			ORDER BY r.published_at ${v.sort === 'newest' ? 'DESC' : 'ASC'}, r.id
			LIMIT $2 OFFSET $3`)})`,
		[v.buurtId, v.pageSize, (v.page - 1) * v.pageSize, isoDay(today)],
		(value) => {
			const o = value as { buurt: { id: string; name: string; corporation_id: string } | null; counts: { total: number; waiting: number }; supervised: boolean; rows: unknown };
			if (!o.buurt || !seesBuurt(actor, o.buurt, 'help')) throw new DomainError('help.not_found');
			const rows = rowsOf<StreetRow>(o.rows);
			const streets = streetsIn(rows);
			return {
				buurt: { id: o.buurt.id, name: o.buurt.name },
				requests: rows.map((r) => summarize(actor, r, o.supervised, false, streets)),
				total: o.counts.total,
				waiting: o.counts.waiting,
				page: v.page,
				pages: Math.max(1, Math.ceil(o.counts.total / v.pageSize)),
				sort: v.sort
			};
		}
	);
}

/** The open requests of a buurt, a page at a time (openRequestsPart on its own: one query). */
export const listOpenRequests = async (db: Queryable, actor: Actor, input: unknown, today: Date): Promise<OpenRequestList> => readPart(db, openRequestsPart(actor, input, today));

/** What the actor asked (also on behalf of others) and what they are helping with, newest first, as a part. */
export function myRequestsPart(actor: Actor, today: Date): ReadPart<{ asked: RequestSummary[]; helping: RequestSummary[] }> {
	const street = (col: string) => shownStreetSql(col, '$2');
	return part(
		jsonRows(`SELECT ${summaryColumns}, ${street('r.asker_id')} AS asker_street, ${street('r.proxy_id')} AS proxy_street, ${street('r.helper_id')} AS helper_street
		 ${summaryFrom}
		 WHERE r.asker_id = $1 OR r.proxy_id = $1 OR r.helper_id = $1
		 ORDER BY r.updated_at DESC LIMIT 100`),
		[actor.accountId, isoDay(today)],
		(value) => {
			const rows = rowsOf<StreetRow>(value);
			// The actor is asker or helper of each row, so the free text is always theirs to see.
			const streets = streetsIn(rows);
			const all = rows.map((r) => summarize(actor, r, true, false, streets));
			return { asked: all.filter((r) => r.isMine), helping: all.filter((r) => r.isHelping) };
		}
	);
}

/** What the actor asked and helps with (myRequestsPart on its own: one query). */
export const listMyRequests = async (db: Queryable, actor: Actor, today: Date) => readPart(db, myRequestsPart(actor, today));

export interface CheckQueue {
	toCheck: (RequestSummary & { staffTurn: boolean })[];
	waiting: RequestSummary[];
	disputed: RequestSummary[];
	redirected: RequestSummary[];
	/** Buurten (of the staff member's corporation) with no active supervisor: staff check there. */
	unsupervised: { id: string; name: string }[];
}

/**
 * The supervisor's (and staff's) work list, as a part: requests to check (never one's own),
 * published requests flagged as waiting, and for staff the disputes to mediate and redirected
 * requests; with, per row, whether its buurt has a supervisor and whether the actor recorded a
 * reason to read its zorg text.
 */
export function checkQueuePart(actor: Actor, today: Date): ReadPart<CheckQueue> {
	const corporations = [...new Set(actor.staff.map((s) => s.corporationId))];
	const scope = `(r.buurt_id = ANY($1::uuid[]) OR b.corporation_id = ANY($2::uuid[]))`;
	const street = (col: string) => shownStreetSql(col, '$3');
	return part(
		`json_build_object(
		'rows', ${jsonRows(`SELECT ${summaryColumns}, ${activeTermOf('r.buurt_id', '$3')} AS supervised,
			(r.category = 'zorg' AND EXISTS (SELECT 1 FROM help_zorg_reads z WHERE z.request_id = r.id AND z.reader_id = $4)) AS read_with_reason,
			${street('r.asker_id')} AS asker_street, ${street('r.proxy_id')} AS proxy_street
			${summaryFrom}
			WHERE ${scope} AND (r.state IN ('to_check', 'disputed') OR (r.state = 'published' AND r.waiting_since IS NOT NULL)
			  OR (r.state = 'redirected' AND b.corporation_id = ANY($2::uuid[]) AND r.updated_at > $3::date - 60))
			ORDER BY r.created_at ASC LIMIT 500`)},
		'unsupervised', ${jsonRows(`SELECT b.id, b.name FROM buurten b WHERE b.corporation_id = ANY($2::uuid[]) AND NOT ${activeTermOf('b.id', '$3')} ORDER BY b.name`)})`,
		[actor.supervisorBuurtIds, corporations, isoDay(today), actor.accountId],
		(value) => {
			const o = value as { rows: unknown; unsupervised: { id: string; name: string }[] };
			type Row = StreetRow & { supervised: boolean; read_with_reason: boolean };
			const rows = rowsOf<Row>(o.rows);
			const mine = (r: SummaryRow) => r.asker_id === actor.accountId || r.proxy_id === actor.accountId;
			const streets = streetsIn(rows);
			// Staff see a zorg request's title only after they recorded a reason to read it.
			const s = (r: Row) => summarize(actor, r, r.supervised, r.read_with_reason, streets);
			return {
				toCheck: rows.filter((r) => r.state === 'to_check' && !mine(r)).map((r) => ({ ...s(r), staffTurn: !r.supervised })),
				waiting: rows.filter((r) => r.state === 'published').map(s),
				disputed: rows.filter((r) => r.state === 'disputed' && corporations.includes(r.corporation_id)).map(s),
				redirected: rows.filter((r) => r.state === 'redirected').map(s),
				unsupervised: o.unsupervised
			};
		}
	);
}

/** The check queue (checkQueuePart on its own: one query). */
export const listCheckQueue = async (db: Queryable, actor: Actor, today: Date): Promise<CheckQueue> => readPart(db, checkQueuePart(actor, today));
