import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { listAuditForSubjects } from '../audit';
import { careSessionRewards } from '../help';
import { neighbourName, shownStreets, type Actor } from '../people';
import { careColumns, careFrom, DAY_MS, effectiveState, EXPIRING_DAYS, isoDay, maxSessions, type CareDay, type CareDaypart, type CareFrequency, type CareNeed, type CareRequestRow, type CareState, type ConsentGiver } from './model';
import {
	canAcceptOffer,
	canLogSession,
	canOffer,
	canPostCareMessage,
	canReadCareLog,
	canReadCareThread,
	canSeeCareRequest,
	canWithdraw,
	careOrganisationsOf,
	hasCareArea,
	helperView,
	isProviderOf,
	loadCareViewer,
	type CareViewer
} from './policy';
import { auditCareReads, loadCareRequest } from './shared';

/**
 * Read side of the care bridge, already filtered by the policies: nobody outside the care area
 * gets even a count. Every read of a request — a list line or its page — writes an audit row
 * (shared.ts auditCareReads), so these functions write too.
 */

export type CareViewAs = 'provider' | 'open' | 'matched' | 'ended';

export interface CareLine {
	id: string;
	viewAs: CareViewAs;
	need: CareNeed;
	buurtId: string;
	buurtName: string;
	complexName: string | null;
	days: CareDay[];
	dayparts: CareDaypart[];
	frequency: CareFrequency;
	weeks: number | null;
	state: CareState;
	createdAt: Date;
	organisationName: string;
	/** For the provider: consent end, offers waiting. */
	consentExpiresOn: string | null;
	waitingOffers: number | null;
	/** For a helper: they offered already (waiting for the provider). */
	offered: boolean;
}

export interface CareDetail extends CareLine {
	availabilityNote: string | null;
	consent: { scope: string; givenOn: string; givenBy: ConsentGiver; expiresOn: string; statedAt: Date } | null;
	offers: { id: string; helperName: string; state: 'waiting' | 'accepted' | 'declined'; at: Date }[] | null;
	helperName: string | null;
	providerName: string | null;
	messages: { id: number; at: Date; authorName: string; isMine: boolean; body: string }[] | null;
	sessions: { on: string; minutes: number; reward: { status: 'pending' | 'paid'; cents: number } | null }[] | null;
	maxSessions: number;
	closedReason: 'withdrawn' | 'consent_ended' | null;
	can: { offer: boolean; accept: boolean; post: boolean; logSession: boolean; withdraw: boolean; readLog: boolean };
}

type Row = CareRequestRow & { waiting_offers: number; my_offer: 'waiting' | 'accepted' | 'declined' | null };

const lineOf = (v: CareViewer, r: Row): CareLine => {
	const provider = isProviderOf(v, r);
	const viewAs: CareViewAs = provider ? 'provider' : (helperView(v, r, r.my_offer !== null) ?? 'ended');
	return {
		id: r.id,
		viewAs,
		need: r.need,
		buurtId: r.buurt_id,
		buurtName: r.buurt_name,
		complexName: r.complex_name,
		days: r.days,
		dayparts: r.dayparts,
		frequency: r.frequency,
		weeks: r.weeks,
		state: effectiveState(r, v.today),
		createdAt: r.created_at,
		organisationName: r.organisation_name,
		consentExpiresOn: provider ? r.consent_expires_on : null,
		waitingOffers: provider ? r.waiting_offers : null,
		offered: r.my_offer === 'waiting'
	};
};

const extraColumns = `(SELECT count(*)::int FROM care_offers x WHERE x.request_id = r.id AND x.state = 'waiting') AS waiting_offers,
	(SELECT x.state FROM care_offers x WHERE x.request_id = r.id AND x.helper_id = $1) AS my_offer`;

export interface CareLists {
	/** The requests the actor provides (created, or of the organisations they coordinate), newest first. */
	provided: CareLine[];
	/** Open requests of the buurten where the actor is a vetted helper, oldest first. */
	open: CareLine[];
	/** Requests the actor helps with now (offer accepted, still running) and offers waiting. */
	mine: CareLine[];
}

export const listCareSchema = z.object({ state: z.enum(['open', 'matched', 'closed', 'all']).default('all') });

/**
 * The care requests the actor may see, as lists, each line audited. Anyone without a care area
 * (not care partner staff, not a vetted helper): care.not_found — not even an empty list.
 */
export async function listCareRequests(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<CareLists> {
	const v = parseInput(listCareSchema, input);
	const viewer = await loadCareViewer(db, actor, now);
	if (!hasCareArea(viewer)) throw new DomainError('care.not_found');
	const orgs = careOrganisationsOf(actor).map((p) => p.organisationId);
	const day = isoDay(now);
	const rows = await db.query<Row>(
		`SELECT ${careColumns}, ${extraColumns} ${careFrom}
		 WHERE (r.organisation_id = ANY($2::uuid[]) AND (r.created_by = $1 OR r.organisation_id = ANY($3::uuid[])))
		    OR (r.state = 'open' AND r.consent_expires_on > $5::date AND r.buurt_id = ANY($4::uuid[]) AND r.created_by <> $1)
		    OR (r.helper_id = $1 AND r.state = 'matched' AND r.consent_expires_on > $5::date)
		 ORDER BY r.created_at DESC LIMIT 300`,
		[actor.accountId, orgs, viewer.coordinatorOf, viewer.vettedBuurtIds, day]
	);
	const lines = rows.map((r) => ({ r, line: lineOf(viewer, r) })).filter(({ r }) => canSeeCareRequest(viewer, r, r.my_offer !== null));
	const keep = lines.filter(({ line }) => v.state === 'all' || line.state === v.state);
	await auditCareReads(db, viewer, keep.map(({ r }) => r), 'list', now);
	const out = keep.map(({ line }) => line);
	return {
		provided: out.filter((l) => l.viewAs === 'provider'),
		open: out.filter((l) => l.viewAs === 'open').reverse(),
		mine: out.filter((l) => l.viewAs === 'matched' || (l.viewAs === 'open' && l.offered))
	};
}

/**
 * One request as the actor may see it (its read audited): the provider sees everything stored
 * (consent record, offers by first name, thread, sessions); a vetted helper of the buurt the need,
 * place and availability of an open one; the accepted helper also the thread and sessions while it
 * runs — and once it ended, only that it ended. Anyone else: care.not_found.
 */
export async function getCareRequest(db: Queryable, actor: Actor, requestId: string, now: Date): Promise<CareDetail> {
	const r0 = await loadCareRequest(db, requestId);
	if (!r0) throw new DomainError('care.not_found');
	const viewer = await loadCareViewer(db, actor, now);
	const [extra] = await db.query<{ waiting_offers: number; my_offer: Row['my_offer'] }>(`SELECT ${extraColumns} FROM care_requests r WHERE r.id = $2`, [actor.accountId, r0.id]);
	const r: Row = { ...r0, ...extra };
	if (!canSeeCareRequest(viewer, r, r.my_offer !== null)) throw new DomainError('care.not_found');
	await auditCareReads(db, viewer, [r], 'detail', now);
	const line = lineOf(viewer, r);
	const provider = line.viewAs === 'provider';
	const can = { offer: canOffer(viewer, r, r.my_offer !== null), accept: canAcceptOffer(viewer, r), post: canPostCareMessage(viewer, r), logSession: canLogSession(viewer, r), withdraw: canWithdraw(viewer, r), readLog: canReadCareLog(viewer, r) };
	if (line.viewAs === 'ended')
		return { ...line, need: r.need, days: [], dayparts: [], availabilityNote: null, consent: null, offers: null, helperName: null, providerName: null, messages: null, sessions: null, maxSessions: 0, closedReason: null, can, buurtName: '', complexName: null, organisationName: '', state: 'closed' };

	const streets = await shownStreets(db, [r.helper_id], now, r.buurt_id);
	const offers = provider
		? (
				await db.query<{ id: string; helper_id: string; name: string; state: 'waiting' | 'accepted' | 'declined'; created_at: Date }>(
					'SELECT x.id, x.helper_id, a.name, x.state, x.created_at FROM care_offers x JOIN accounts a ON a.id = x.helper_id WHERE x.request_id = $1 ORDER BY x.created_at',
					[r.id]
				)
			).map((o) => ({ id: o.id, helperName: neighbourName(o.name), state: o.state, at: o.created_at }))
		: null;
	const names = new Map((await db.query<{ id: string; name: string }>('SELECT id, name FROM accounts WHERE id = ANY($1::uuid[])', [[r.helper_id, r.created_by].filter(Boolean)])).map((a) => [a.id, a.name]));
	const helperName = r.helper_id ? neighbourName(names.get(r.helper_id), streets.get(r.helper_id)) : null;
	const messages = canReadCareThread(viewer, r)
		? (
				await db.query<{ id: string; at: Date; author_id: string; body: string }>('SELECT id, at, author_id, body FROM care_messages WHERE request_id = $1 ORDER BY id', [r.id])
			).map((m) => ({
				id: Number(m.id),
				at: m.at,
				authorName: m.author_id === r.helper_id ? (helperName ?? '') : (names.get(m.author_id) ?? ''),
				isMine: m.author_id === actor.accountId,
				body: m.body
			}))
		: null;
	let sessions: CareDetail['sessions'] = null;
	if (provider || line.viewAs === 'matched') {
		const rows = await db.query<{ session_on: string; minutes: number; help_request_id: string }>(
			`SELECT to_char(session_on, 'YYYY-MM-DD') AS session_on, minutes, help_request_id FROM care_sessions WHERE request_id = $1 ORDER BY session_on`,
			[r.id]
		);
		const rewards = await careSessionRewards(db, rows.map((s) => s.help_request_id));
		sessions = rows.map((s) => ({ on: s.session_on, minutes: s.minutes, reward: rewards.get(s.help_request_id) ?? null }));
	}
	return {
		...line,
		availabilityNote: r.availability_note,
		consent: provider ? { scope: r.consent_scope, givenOn: r.consent_given_on, givenBy: r.consent_given_by, expiresOn: r.consent_expires_on, statedAt: r.consent_stated_at } : null,
		offers,
		helperName: provider || line.viewAs === 'matched' ? helperName : null,
		providerName: line.viewAs === 'matched' || provider ? (names.get(r.created_by) ?? null) : null,
		messages,
		sessions,
		maxSessions: maxSessions(r),
		closedReason: provider ? r.closed_reason ?? (line.state === 'closed' ? 'consent_ended' : null) : null,
		can
	};
}

export interface CareProviderHome {
	open: CareLine[];
	offersWaiting: CareLine[];
	expiring: CareLine[];
}

/**
 * The care provider's home: their open requests, the ones with offers waiting for an answer,
 * and consents that end within 30 days (each line audited as a read). Null for anyone who is
 * not care partner staff.
 */
export async function careProviderHome(db: Queryable, actor: Actor, now: Date): Promise<CareProviderHome | null> {
	if (!careOrganisationsOf(actor).length) return null;
	const viewer = await loadCareViewer(db, actor, now);
	const orgs = careOrganisationsOf(actor).map((p) => p.organisationId);
	const day = isoDay(now);
	const rows = await db.query<Row>(
		`SELECT ${careColumns}, ${extraColumns} ${careFrom}
		 WHERE r.organisation_id = ANY($2::uuid[]) AND (r.created_by = $1 OR r.organisation_id = ANY($3::uuid[]))
		   AND r.state <> 'closed' AND r.consent_expires_on > $4::date
		 ORDER BY r.consent_expires_on, r.created_at LIMIT 200`,
		[actor.accountId, orgs, viewer.coordinatorOf, day]
	);
	const mine = rows.filter((r) => isProviderOf(viewer, r));
	await auditCareReads(db, viewer, mine, 'list', now);
	const soon = isoDay(new Date(now.getTime() + EXPIRING_DAYS * DAY_MS));
	const lines = mine.map((r) => lineOf(viewer, r));
	return {
		open: lines.filter((l) => l.state === 'open'),
		offersWaiting: lines.filter((l) => l.state === 'open' && (l.waitingOffers ?? 0) > 0),
		expiring: lines.filter((l) => (l.consentExpiresOn ?? '9999') <= soon)
	};
}

export interface CareReadLine {
	id: number;
	at: Date;
	action: string;
	actorName: string | null;
	requestId: string;
}

export const careLogSchema = z.object({ requestId: z.uuid('care.not_found').optional() });

/**
 * The coordinator's log: every audit row about their organisation's care requests (reads
 * included), newest first — or one request's. Reading the log is itself not a read of a request.
 * Errors: care.not_found (not a coordinator; or a request not theirs).
 */
export async function listCareReadLog(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<CareReadLine[]> {
	const v = parseInput(careLogSchema, input);
	const viewer = await loadCareViewer(db, actor, now);
	if (!viewer.coordinatorOf.length) throw new DomainError('care.not_found');
	const ids = (
		await db.query<{ id: string }>(
			'SELECT id FROM care_requests WHERE organisation_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR id = $2) ORDER BY created_at DESC LIMIT 500',
			[viewer.coordinatorOf, v.requestId ?? null]
		)
	).map((r) => r.id);
	if (v.requestId && !ids.length) throw new DomainError('care.not_found');
	const lines = await listAuditForSubjects(db, ids.map((id) => `care_request:${id}`), { limit: 500 });
	return lines.map((l) => ({ id: l.id, at: l.at, action: l.action, actorName: l.actorName, requestId: l.subject.slice('care_request:'.length) }));
}
