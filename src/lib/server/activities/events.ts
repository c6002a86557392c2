import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { isMemberOf, isStaffOf, type Actor } from '../people';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { canFollowUp, canSignUp, canViewBuurtProposals, firstName, proposalIdSchema, ensureSettingsRow, recordProposalHistory, visibleProposal } from '../proposals';
import { findBuurtRef } from '../places';

/**
 * Follow-up of a funded proposal in time: volunteer shifts (work that needs hands, always with a
 * capacity) and activities (for the buurt, capacity optional). Members of the buurt sign up and
 * cancel. Capacity holds under concurrency: the event row is locked while counting, and the
 * table's CHECK (taken <= capacity) refuses any overbooking a bug might attempt. Both appear in
 * the buurt's iCalendar feed (calendar.ts).
 *
 * Times are entered as a date and clock times in the buurt's time zone (Europe/Amsterdam) and
 * stored in UTC.
 */

export const eventKinds = ['shift', 'activity'] as const;
export type EventKind = (typeof eventKinds)[number];
export const BUURT_TIME_ZONE = 'Europe/Amsterdam';

/** Local wall-clock time in a time zone → the UTC instant (DST-aware, without a library). */
export function localToUtc(date: string, time: string, timeZone = BUURT_TIME_ZONE): Date | null {
	const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const tm = /^(\d{1,2}):(\d{2})$/.exec(time);
	if (!dm || !tm) return null;
	const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	if (new Date(wall).getUTCDate() !== d) return null;
	const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
	const offset = (t: number) => {
		const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
		return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - t;
	};
	let t = wall - offset(wall);
	t = wall - offset(t);
	return new Date(t);
}

/** The UTC instant as date and clock time in the buurt's zone, for forms. */
export function utcToLocal(at: Date, timeZone = BUURT_TIME_ZONE): { date: string; time: string } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
			.formatToParts(at)
			.map((p) => [p.type, p.value])
	);
	return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const timeOfDay = plainText().regex(/^\d{1,2}:\d{2}$/, 'activities.time_invalid');

export const createEventSchema = z.object({
	proposalId: proposalIdSchema,
	kind: z.enum(eventKinds, 'validation.choice'),
	title: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(3, 'activities.title_too_short').max(120, 'validation.too_long'),
	description: plainText().trim().max(2000, 'validation.too_long').default(''),
	place: plainText({ error: 'activities.place_required' }).trim().min(1, 'activities.place_required').max(200, 'validation.too_long'),
	/** The day and clock times in the buurt's time zone. */
	date: z.iso.date('activities.date_invalid'),
	startTime: timeOfDay,
	endTime: timeOfDay,
	/** Required for shifts; empty for an activity without a limit. */
	capacity: z.coerce.number({ error: 'activities.capacity_invalid' }).int('activities.capacity_invalid').min(1, 'activities.capacity_invalid').max(1000, 'activities.capacity_invalid').optional(),
	idempotencyKey: idempotencyKeySchema
});

/**
 * The author of a funded proposal or staff add a volunteer shift or an activity.
 * Errors: validation.invalid (title; place → activities.place_required; date → activities.date_invalid |
 * activities.in_past; startTime/endTime → activities.time_invalid | activities.end_before_start;
 * capacity → activities.capacity_invalid | activities.capacity_required), proposals.not_found,
 * proposals.forbidden (not the author or staff, or the proposal is not funded / done),
 * proposals.idempotency_mismatch.
 */
export async function createEvent(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; kind: EventKind }> {
	// Scope, then role, then the body (people/scope.ts); checked again under the lock.
	const target = await visibleProposal(ctx.db, actor, parseTarget(createEventSchema, 'proposalId', input));
	if (!canFollowUp(actor, target)) throw new DomainError('proposals.forbidden');
	const v = parseInput(createEventSchema, input);
	const startsAt = localToUtc(v.date, v.startTime);
	const endsAt = localToUtc(v.date, v.endTime);
	if (!startsAt || !endsAt) throw new DomainError('validation.invalid', {}, { date: 'activities.date_invalid' });
	if (endsAt <= startsAt) throw new DomainError('validation.invalid', {}, { endTime: 'activities.end_before_start' });
	if (v.kind === 'shift' && v.capacity === undefined) throw new DomainError('validation.invalid', {}, { capacity: 'activities.capacity_required' });
	const at = ctx.clock();
	if (startsAt <= at) throw new DomainError('validation.invalid', {}, { date: 'activities.in_past' });
	return ctx.db.transaction(async (tx) => {
		const p = await visibleProposal(tx, actor, v.proposalId, { lock: true });
		if (!canFollowUp(actor, p)) throw new DomainError('proposals.forbidden');
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'proposals.event', input: v, at }, async () => {
			// The feed token exists from the first event on.
			await ensureSettingsRow(tx, p.buurt_id);
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO buurtpot_events (buurt_id, proposal_id, kind, title, description, place, starts_at, ends_at, capacity, created_by, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
				[p.buurt_id, p.id, v.kind, v.title, v.description, v.place, startsAt, endsAt, v.capacity ?? null, actor.accountId, at]
			);
			await recordProposalHistory(tx, { proposalId: p.id, at, actorId: actor.accountId, action: `event.${v.kind}`, from: p.status, to: p.status, details: { eventId: row.id } });
			return { id: row.id, kind: v.kind };
		});
	});
}

interface EventRow {
	id: string;
	buurt_id: string;
	corporation_id: string;
	proposal_id: string;
	proposal_author_id: string;
	kind: EventKind;
	title: string;
	starts_at: Date;
	capacity: number | null;
	taken: number;
	cancelled_at: Date | null;
}

async function visibleEvent(tx: Queryable, actor: Actor, id: string, lock: boolean): Promise<EventRow> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('activities.not_found');
	const [e] = await tx.query<EventRow>(
		`SELECT e.id, e.buurt_id, b.corporation_id, e.proposal_id, p.author_id AS proposal_author_id, e.kind, e.title, e.starts_at, e.capacity, e.taken, e.cancelled_at
		 FROM buurtpot_events e JOIN buurten b ON b.id = e.buurt_id JOIN buurtpot_proposals p ON p.id = e.proposal_id
		 WHERE e.id = $1 ${lock ? 'FOR UPDATE OF e' : ''}`,
		[id]
	);
	if (!e || !canViewBuurtProposals(actor, e)) throw new DomainError('activities.not_found');
	return e;
}

export const eventIdSchema = z.object({ eventId: z.uuid('activities.not_found'), idempotencyKey: idempotencyKeySchema });

/**
 * A member of the buurt signs up for a shift or activity.
 * Errors: activities.not_found, activities.forbidden (not a member of the buurt),
 * activities.cancelled, activities.past (it has started), activities.already_signed_up (409),
 * activities.full {capacity}.
 */
export async function signUpForEvent(ctx: Ctx, actor: Actor, input: unknown): Promise<{ eventId: string; taken: number; capacity: number | null }> {
	const v = parseInput(eventIdSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Locked: concurrent sign-ups for the last place queue here; the second sees it taken.
		const e = await visibleEvent(tx, actor, v.eventId, true);
		if (!canSignUp(actor, e.buurt_id)) throw new DomainError('activities.forbidden');
		if (e.cancelled_at) throw new DomainError('activities.cancelled');
		if (new Date(e.starts_at) <= at) throw new DomainError('activities.past');
		const [already] = await tx.query('SELECT 1 FROM buurtpot_event_signups WHERE event_id = $1 AND account_id = $2', [e.id, actor.accountId]);
		if (already) throw new DomainError('activities.already_signed_up');
		if (e.capacity !== null && e.taken >= e.capacity) throw new DomainError('activities.full', { capacity: e.capacity });
		await tx.query('INSERT INTO buurtpot_event_signups (event_id, account_id, at) VALUES ($1, $2, $3)', [e.id, actor.accountId, at]);
		await tx.query('UPDATE buurtpot_events SET taken = taken + 1 WHERE id = $1', [e.id]);
		return { eventId: e.id, taken: e.taken + 1, capacity: e.capacity };
	});
}

/**
 * A member cancels their sign-up (until the start), freeing the place.
 * Errors: activities.not_found, activities.not_signed_up, activities.past.
 */
export async function cancelSignUp(ctx: Ctx, actor: Actor, input: unknown): Promise<{ eventId: string; taken: number; capacity: number | null }> {
	const v = parseInput(eventIdSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const e = await visibleEvent(tx, actor, v.eventId, true);
		const deleted = await tx.query('DELETE FROM buurtpot_event_signups WHERE event_id = $1 AND account_id = $2 RETURNING event_id', [e.id, actor.accountId]);
		if (deleted.length === 0) throw new DomainError('activities.not_signed_up');
		if (new Date(e.starts_at) <= at) throw new DomainError('activities.past');
		await tx.query('UPDATE buurtpot_events SET taken = taken - 1 WHERE id = $1', [e.id]);
		return { eventId: e.id, taken: e.taken - 1, capacity: e.capacity };
	});
}

/**
 * The author of the proposal or staff cancel a shift or activity; it stays in the feed as
 * cancelled so calendar apps remove it. Errors: activities.not_found, activities.forbidden,
 * activities.cancelled (already).
 */
export async function cancelEvent(ctx: Ctx, actor: Actor, input: unknown): Promise<{ eventId: string; cancelled: true }> {
	const v = parseInput(eventIdSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const e = await visibleEvent(tx, actor, v.eventId, true);
		const mayManage = isStaffOf(actor, e.corporation_id) || (actor.accountId === e.proposal_author_id && isMemberOf(actor, e.buurt_id));
		if (!mayManage) throw new DomainError('activities.forbidden');
		if (e.cancelled_at) throw new DomainError('activities.cancelled');
		await tx.query('UPDATE buurtpot_events SET cancelled_at = $2, sequence = sequence + 1 WHERE id = $1', [e.id, at]);
		return { eventId: e.id, cancelled: true as const };
	});
}

export interface EventView {
	id: string;
	proposalId: string;
	proposalTitle: string;
	kind: EventKind;
	title: string;
	description: string;
	place: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number | null;
	taken: number;
	cancelled: boolean;
	signedUp: boolean;
	/** First names of who signed up: for the organiser (author, staff) only. */
	volunteers: string[] | null;
	canManage: boolean;
	canSignUp: boolean;
}

const eventSelect = `SELECT e.id, e.proposal_id, p.title AS proposal_title, p.author_id, e.buurt_id, b.corporation_id, e.kind, e.title, e.description, e.place,
		e.starts_at, e.ends_at, e.capacity, e.taken, e.cancelled_at,
		EXISTS (SELECT 1 FROM buurtpot_event_signups s WHERE s.event_id = e.id AND s.account_id = $2) AS signed_up,
		(SELECT COALESCE(json_agg(a.name ORDER BY s.at), '[]') FROM buurtpot_event_signups s JOIN accounts a ON a.id = s.account_id WHERE s.event_id = e.id) AS names
	FROM buurtpot_events e JOIN buurtpot_proposals p ON p.id = e.proposal_id JOIN buurten b ON b.id = e.buurt_id`;

type EventSelectRow = {
	id: string;
	proposal_id: string;
	proposal_title: string;
	author_id: string;
	buurt_id: string;
	corporation_id: string;
	kind: EventKind;
	title: string;
	description: string;
	place: string;
	starts_at: Date;
	ends_at: Date;
	capacity: number | null;
	taken: number;
	cancelled_at: Date | null;
	signed_up: boolean;
	names: string[] | string;
};

function toView(actor: Actor, r: EventSelectRow, now: Date): EventView {
	const canManage = isStaffOf(actor, r.corporation_id) || actor.accountId === r.author_id;
	const names = typeof r.names === 'string' ? (JSON.parse(r.names) as string[]) : r.names;
	return {
		id: r.id,
		proposalId: r.proposal_id,
		proposalTitle: r.proposal_title,
		kind: r.kind,
		title: r.title,
		description: r.description,
		place: r.place,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		capacity: r.capacity,
		taken: r.taken,
		cancelled: r.cancelled_at !== null,
		signedUp: r.signed_up,
		volunteers: canManage ? names.map(firstName) : null,
		canManage,
		canSignUp: isMemberOf(actor, r.buurt_id) && r.cancelled_at === null && new Date(r.starts_at) > now
	};
}

/** A proposal's shifts and activities, soonest first. Same visibility as the proposal. */
export async function listEventsForProposal(db: Queryable, actor: Actor, proposalId: string, now: Date): Promise<EventView[]> {
	const p = await visibleProposal(db, actor, proposalId);
	const rows = await db.query<EventSelectRow>(`${eventSelect} WHERE e.proposal_id = $1 ORDER BY e.starts_at, e.id`, [p.id, actor.accountId]);
	return rows.map((r) => toView(actor, r, now));
}

export interface BuurtActivities {
	buurt: { id: string; name: string };
	events: EventView[];
	/** The feed's path with its secret token (members, staff and partners who may see the buurt). */
	feedPath: string;
}

/**
 * The buurt's upcoming (and last week's) shifts and activities, soonest first, and the path of
 * its calendar feed. Members of the buurt, staff and the tenants' association; anyone else:
 * activities.not_found.
 */
export async function listBuurtActivities(db: Queryable, actor: Actor, buurtId: string, now: Date): Promise<BuurtActivities> {
	const buurt = await findBuurtRef(db, buurtId);
	if (!buurt || !canViewBuurtProposals(actor, { buurt_id: buurt.id, corporation_id: buurt.corporation_id })) throw new DomainError('activities.not_found');
	const token = await ensureSettingsRow(db, buurt.id);
	const rows = await db.query<EventSelectRow>(
		`${eventSelect} WHERE e.buurt_id = $1 AND e.ends_at >= $3::timestamptz - interval '7 days' ORDER BY e.starts_at, e.id LIMIT 200`,
		[buurt.id, actor.accountId, now]
	);
	return { buurt: { id: buurt.id, name: buurt.name }, events: rows.map((r) => toView(actor, r, now)), feedPath: `/calendar/${buurt.id}/${token}.ics` };
}
