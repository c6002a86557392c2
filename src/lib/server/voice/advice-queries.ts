import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { findBuurtRef } from '../places';
import { isAssociationIn, isMemberOf, isStaffOf, staffCorporationIds, type Actor } from '../people';
import { dutchDay, type AnswerPosition, type AreaKind, type LegalBasis, type ReplyOutcome } from './listen-model';
import { boardOrganisationIds, canAnswer, canClose, canReply, canSetPublication, readsPublishedAdvice, seesAdvice } from './listen-policy';
import { areaNameSql } from './listen-area';

/**
 * The read side of advice requests, scoped by the actor: staff of the corporation see its
 * requests, a board member those sent to their association; published replies are read by the
 * members of the area (and staff and the association of the buurt).
 */

export type AdviceStatus = 'waiting_answer' | 'waiting_reply' | 'replied' | 'closed';

export interface AdviceSummary {
	id: string;
	corporationId: string;
	subject: string;
	legalBasis: LegalBasis;
	areaKind: AreaKind;
	areaName: string;
	organisation: { id: string; name: string };
	sentAt: Date;
	deadlineOn: string;
	replyDueOn: string | null;
	status: AdviceStatus;
	/** The association's answer is late (not answered after the deadline). */
	answerOverdue: boolean;
	/** The corporation's reply is late (answered, no reply after its due date). */
	replyOverdue: boolean;
}

export interface AdviceView extends AdviceSummary {
	intendedDecision: string;
	sentBy: string;
	documents: { id: string; fileName: string; size: number }[];
	answer: { position: AnswerPosition; advice: string; reasons: string; at: Date; by: string } | null;
	publishReply: boolean;
	reply: { outcome: ReplyOutcome; reasons: string; at: Date; by: string } | null;
	closedAt: Date | null;
	can: { answer: boolean; reply: boolean; close: boolean; setPublication: boolean };
}

interface Row {
	id: string;
	corporation_id: string;
	organisation_id: string;
	organisation_name: string;
	subject: string;
	legal_basis: LegalBasis;
	area_kind: AreaKind;
	area_name: string;
	sent_at: Date;
	deadline_on: string;
	reply_due_on: string | null;
	answered_at: Date | null;
	replied_at: Date | null;
	closed_at: Date | null;
}

const summaryColumns = `r.id, r.corporation_id, r.organisation_id, (SELECT o.name FROM organisations o WHERE o.id = r.organisation_id) AS organisation_name,
	r.subject, r.legal_basis, r.area_kind, ${areaNameSql('r')} AS area_name, r.sent_at, to_char(r.deadline_on, 'YYYY-MM-DD') AS deadline_on,
	to_char(r.reply_due_on, 'YYYY-MM-DD') AS reply_due_on, r.answered_at, r.replied_at, r.closed_at`;

function summaryOf(r: Row, today: string): AdviceSummary {
	const status: AdviceStatus = r.closed_at ? 'closed' : r.replied_at ? 'replied' : r.answered_at ? 'waiting_reply' : 'waiting_answer';
	return {
		id: r.id,
		corporationId: r.corporation_id,
		subject: r.subject,
		legalBasis: r.legal_basis,
		areaKind: r.area_kind,
		areaName: r.area_name,
		organisation: { id: r.organisation_id, name: r.organisation_name },
		sentAt: r.sent_at,
		deadlineOn: r.deadline_on,
		replyDueOn: r.reply_due_on,
		status,
		answerOverdue: !r.answered_at && !r.closed_at && today > r.deadline_on,
		replyOverdue: !!r.answered_at && !r.replied_at && !!r.reply_due_on && today > r.reply_due_on
	};
}

/** Requests the actor sees: as staff their corporation's, as a board member their association's; newest first. */
export async function listAdviceRequests(db: Queryable, actor: Actor, now: Date, opts: { open?: boolean; limit?: number } = {}): Promise<AdviceSummary[]> {
	const corporations = staffCorporationIds(actor);
	const organisations = boardOrganisationIds(actor);
	if (!corporations.length && !organisations.length) return [];
	const rows = await db.query<Row>(
		`SELECT ${summaryColumns} FROM voice_advice_requests r
		 WHERE (r.corporation_id = ANY($1::uuid[]) OR r.organisation_id = ANY($2::uuid[])) AND (NOT $3::boolean OR r.closed_at IS NULL)
		 ORDER BY r.sent_at DESC, r.id LIMIT $4`,
		[corporations, organisations, opts.open ?? false, opts.limit ?? 200]
	);
	const today = dutchDay(now);
	return rows.map((r) => summaryOf(r, today));
}

/** One request for who sees it (listen.not_found otherwise, a malformed id too). */
export async function getAdviceRequest(db: Queryable, actor: Actor, id: string, now: Date): Promise<AdviceView> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new DomainError('listen.not_found');
	const [r] = await db.query<
		Row & {
			intended_decision: string;
			sent_by_name: string;
			answer_position: AnswerPosition | null;
			answer_advice: string | null;
			answer_reasons: string | null;
			answered_by_name: string | null;
			publish_reply: boolean;
			reply_outcome: ReplyOutcome | null;
			reply_reasons: string | null;
			replied_by_name: string | null;
			documents: { id: string; file_name: string; size: number }[];
		}
	>(
		`SELECT ${summaryColumns}, r.intended_decision, r.answer_position, r.answer_advice, r.answer_reasons, r.publish_reply, r.reply_outcome, r.reply_reasons,
			(SELECT a.name FROM accounts a WHERE a.id = r.sent_by) AS sent_by_name,
			(SELECT a.name FROM accounts a WHERE a.id = r.answered_by) AS answered_by_name,
			(SELECT a.name FROM accounts a WHERE a.id = r.replied_by) AS replied_by_name,
			COALESCE((SELECT json_agg(json_build_object('id', d.id, 'file_name', d.file_name, 'size', d.size) ORDER BY d.position) FROM voice_advice_documents d WHERE d.request_id = r.id), '[]'::json) AS documents
		 FROM voice_advice_requests r WHERE r.id = $1`,
		[id]
	);
	if (!r || !seesAdvice(actor, r)) throw new DomainError('listen.not_found');
	return {
		...summaryOf(r, dutchDay(now)),
		intendedDecision: r.intended_decision,
		sentBy: r.sent_by_name,
		documents: r.documents.map((d) => ({ id: d.id, fileName: d.file_name, size: d.size })),
		answer: r.answered_at ? { position: r.answer_position!, advice: r.answer_advice!, reasons: r.answer_reasons!, at: r.answered_at, by: r.answered_by_name! } : null,
		publishReply: r.publish_reply,
		reply: r.replied_at ? { outcome: r.reply_outcome!, reasons: r.reply_reasons!, at: r.replied_at, by: r.replied_by_name! } : null,
		closedAt: r.closed_at,
		can: { answer: canAnswer(actor, r), reply: canReply(actor, r), close: canClose(actor, r), setPublication: canSetPublication(actor, r) }
	};
}

/**
 * What waits for this person, for their home: for staff the answers that wait for the
 * corporation's reply and the requests whose answer is late; for a board member the requests
 * that wait for their association's answer. Overdue ones first.
 */
export async function adviceWaiting(db: Queryable, actor: Actor, now: Date, opts: { shown?: number } = {}): Promise<{ items: AdviceSummary[]; total: number }> {
	const all = await listAdviceRequests(db, actor, now, { open: true });
	const staffOf = (r: AdviceSummary) => !boardOrganisationIds(actor).includes(r.organisation.id);
	const waiting = all.filter((r) => (staffOf(r) ? r.status === 'waiting_reply' || r.answerOverdue : r.status === 'waiting_answer'));
	waiting.sort((a, b) => Number(b.answerOverdue || b.replyOverdue) - Number(a.answerOverdue || a.replyOverdue) || (a.replyDueOn ?? a.deadlineOn).localeCompare(b.replyDueOn ?? b.deadlineOn));
	return { items: waiting.slice(0, opts.shown ?? 3), total: waiting.length };
}

export interface PublishedAdvice {
	id: string;
	subject: string;
	legalBasis: LegalBasis;
	areaName: string;
	intendedDecision: string;
	organisationName: string;
	answer: { position: AnswerPosition; advice: string };
	reply: { outcome: ReplyOutcome; reasons: string; at: Date };
}

/**
 * The replies a buurt's members may read: requests about the buurt, its wijk or (for members
 * living there) one of its complexes, replied to, whose association agreed to publish. Members
 * of the buurt, staff of its corporation and its tenants' association read them; anyone else
 * listen.not_found. One query.
 */
export async function listPublishedAdvice(db: Queryable, actor: Actor, buurtId: string): Promise<{ buurt: { id: string; name: string }; items: PublishedAdvice[] }> {
	const b = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(buurtId) ? await findBuurtRef(db, buurtId) : null;
	if (!b || !readsPublishedAdvice(actor, b)) throw new DomainError('listen.not_found');
	const everyComplex = !isMemberOf(actor, b.id) || isStaffOf(actor, b.corporation_id) || isAssociationIn(actor, b.id);
	const units = actor.memberships.filter((m) => m.buurtId === b.id).map((m) => m.unitId);
	const rows = await db.query<{
		id: string;
		subject: string;
		legal_basis: LegalBasis;
		area_name: string;
		intended_decision: string;
		organisation_name: string;
		answer_position: AnswerPosition;
		answer_advice: string;
		reply_outcome: ReplyOutcome;
		reply_reasons: string;
		replied_at: Date;
	}>(
		`SELECT r.id, r.subject, r.legal_basis, ${areaNameSql('r')} AS area_name, r.intended_decision, (SELECT o.name FROM organisations o WHERE o.id = r.organisation_id) AS organisation_name,
			r.answer_position, r.answer_advice, r.reply_outcome, r.reply_reasons, r.replied_at
		 FROM voice_advice_requests r
		 WHERE r.corporation_id = $2 AND r.publish_reply AND r.replied_at IS NOT NULL
		   AND ((r.area_kind = 'buurt' AND r.buurt_id = $1) OR (r.area_kind = 'wijk' AND r.wijk_code = (SELECT wijk_code FROM buurten WHERE id = $1))
		     OR (r.area_kind = 'complex' AND r.buurt_id = $1 AND ($3::boolean OR r.complex_id IN (SELECT u.complex_id FROM units u WHERE u.id = ANY($4::uuid[])))))
		 ORDER BY r.replied_at DESC, r.id LIMIT 100`,
		[b.id, b.corporation_id, everyComplex, units]
	);
	return {
		buurt: { id: b.id, name: b.name },
		items: rows.map((r) => ({
			id: r.id,
			subject: r.subject,
			legalBasis: r.legal_basis,
			areaName: r.area_name,
			intendedDecision: r.intended_decision,
			organisationName: r.organisation_name,
			answer: { position: r.answer_position, advice: r.answer_advice },
			reply: { outcome: r.reply_outcome, reasons: r.reply_reasons, at: r.replied_at }
		}))
	};
}
