import type { Queryable } from '../db/client';
import { jsonRows, known, part, readPart, withDates, type ReadPart } from '../db/parts';
import { DomainError } from '../shared/errors';
import { associationBuurtIds, isMemberOf, isStaffOf, neighbourName, shownStreets, staffAccountIds, type Actor } from '../people';
import { getBuurtBalances } from '../ledger';
import { EDIT_WINDOW_MS, firstName, type FeasibilityOutcome, type ProposalStatus } from './model';
import { canCheckFeasibility, canComment, canEdit, canFollowUp, canPay, canViewBuurtProposals, canWithdraw, supportOpen } from './policy';
import { getBuurtpotSettings, unitsInBuurt, visibleProposal } from './store';
import { summarize, type ProposalSummary } from './list-proposals';
import { canReport, moderationColumn, shownModeration, visibleModeration, type RawModeration, type ShownModeration } from '../moderation';

/**
 * Read side of one proposal: everything its page and GET /api/v1/proposals/{id} show, already
 * filtered by the policies, plus what the actor may do now.
 */

export interface ProposalDetail extends ProposalSummary {
	corporationId: string;
	costLines: { label: string; cents: number }[];
	volunteers: string;
	decision: { outcome: FeasibilityOutcome; reason: string; byName: string | null; at: Date } | null;
	report: string | null;
	doneAt: Date | null;
	editableUntil: Date | null;
	supportedByMe: boolean;
	photoIds: string[];
	history: { at: Date; action: string; fromStatus: ProposalStatus | null; toStatus: ProposalStatus; actorName: string | null; reason: string | null; details: Record<string, unknown> }[];
	/**
	 * body null: removed by its author (deleted), hidden by staff (hiddenReason says why, for
	 * everyone), or hidden or removed after reports for everyone but its author (moderation says so).
	 */
	comments: { id: number; at: Date; authorName: string; isMine: boolean; isStaff: boolean; body: string | null; deleted: boolean; hiddenReason: string | null; moderation: ShownModeration; canReport: boolean }[];
	payments: { id: string; at: Date; amountCents: number; payee: string; note: string | null; receiptId: string | null; paidByName: string }[];
	remainingCents: number;
	/** The buurtpot's balance, for whoever may pay (null for everyone else). */
	buurtpotCents: number | null;
	updates: { id: string; at: Date; authorName: string; body: string; photoIds: string[] }[];
	can: {
		edit: boolean;
		withdraw: boolean;
		support: boolean;
		check: boolean;
		comment: boolean;
		/** Report the proposal's text (moderation: anyone who sees it but its author and staff). */
		report: boolean;
		/** Staff of the corporation hide comments (with a reason). */
		hideComments: boolean;
		/** The actor's own support, which they may take back while the support phase runs. */
		withdrawSupport: boolean;
		pay: boolean;
		followUp: boolean;
	};
}

export async function getProposalDetail(db: Queryable, actor: Actor, id: string, now: Date): Promise<ProposalDetail> {
	const p = await visibleProposal(db, actor, id);
	const settings = await getBuurtpotSettings(db, p.buurt_id);
	const myUnits = unitsInBuurt(actor, p.buurt_id);
	const [supports, photos, history, comments, payments, updates, files, decider, corporationStaff, [textModeration]] = await Promise.all([
		db.query<{ unit_id: string; account_id: string }>('SELECT unit_id, account_id FROM buurtpot_supports WHERE proposal_id = $1 AND unit_id = ANY($2::uuid[])', [p.id, myUnits]),
		db.query<{ id: string }>(`SELECT id FROM buurtpot_files WHERE proposal_id = $1 AND purpose = 'photo' ORDER BY seq`, [p.id]),
		db.query<{ at: Date; action: string; from_status: ProposalStatus | null; to_status: ProposalStatus; actor_name: string | null; reason: string | null; details: Record<string, unknown> }>(
			`SELECT h.at, h.action, h.from_status, h.to_status, a.name AS actor_name, h.reason, h.details
			 FROM buurtpot_proposal_history h LEFT JOIN accounts a ON a.id = h.actor_id WHERE h.proposal_id = $1 ORDER BY h.id`,
			[p.id]
		),
		db.query<{ id: number; at: Date; author_id: string; author_name: string; body: string; deleted_at: Date | null; hidden_reason: string | null; moderation: RawModeration | null }>(
			`SELECT c.id, c.at, c.author_id, a.name AS author_name, c.body, c.deleted_at, c.hidden_reason, ${moderationColumn('proposal_comment', 'c.id')}
			 FROM buurtpot_comments c JOIN accounts a ON a.id = c.author_id WHERE c.proposal_id = $1 ORDER BY c.id LIMIT 500`,
			[p.id]
		),
		db.query<{ id: string; at: Date; amount_cents: number; payee: string; note: string | null; receipt_file_id: string | null; paid_by_name: string }>(
			`SELECT pay.id, pay.at, pay.amount_cents, pay.payee, pay.note, pay.receipt_file_id, a.name AS paid_by_name
			 FROM buurtpot_payments pay JOIN accounts a ON a.id = pay.paid_by WHERE pay.proposal_id = $1 ORDER BY pay.seq`,
			[p.id]
		),
		db.query<{ id: string; at: Date; author_id: string; author_name: string; body: string }>(
			`SELECT u.id, u.at, u.author_id, a.name AS author_name, u.body FROM buurtpot_updates u JOIN accounts a ON a.id = u.author_id WHERE u.proposal_id = $1 ORDER BY u.seq DESC`,
			[p.id]
		),
		db.query<{ id: string; update_id: string }>(`SELECT id, update_id FROM buurtpot_files WHERE proposal_id = $1 AND purpose = 'update_photo' ORDER BY seq`, [p.id]),
		p.decided_by ? db.query<{ name: string }>('SELECT name FROM accounts WHERE id = $1', [p.decided_by]) : Promise.resolve([]),
		// Staff comments are marked as the corporation's; who is staff is people's to say.
		staffAccountIds(db, p.corporation_id),
		// The proposal's own text after reports (moderation).
		db.query<{ moderation: RawModeration | null }>(`SELECT ${moderationColumn('proposal_text', 'p.id')} FROM buurtpot_proposals p WHERE p.id = $1`, [p.id])
	]);
	const paidCents = payments.reduce((s, x) => s + Number(x.amount_cents), 0);
	const householdSupports = supports.length > 0 && myUnits.every((u) => supports.some((s) => s.unit_id === u));
	const mayPay = canPay(actor, p);
	let buurtpotCents: number | null = null;
	if (mayPay) {
		buurtpotCents = (await getBuurtBalances(db, { buurtId: p.buurt_id })).buurtpot?.balance ?? 0;
	}
	// Neighbours by first name, with the street where the person chose to show it (one query).
	const streets = await shownStreets(db, [p.author_id, ...comments.map((c) => c.author_id), ...updates.map((u) => u.author_id)], now, p.buurt_id);
	const summary = summarize(actor, p, now, { photoId: photos[0]?.id ?? null, paidCents, mineSupported: supports.length > 0, authorStreet: streets.get(p.author_id), moderation: textModeration?.moderation });
	const editable = canEdit(actor, p, now);
	return {
		...summary,
		corporationId: p.corporation_id,
		costLines: p.cost_lines,
		volunteers: p.volunteers,
		decision: p.decision ? { outcome: p.decision, reason: p.decision_reason ?? '', byName: decider[0] ? firstName(decider[0].name) : null, at: p.decided_at! } : null,
		report: p.report,
		doneAt: p.done_at,
		editableUntil: editable && p.status === 'support' ? new Date(new Date(p.created_at).getTime() + EDIT_WINDOW_MS) : null,
		supportedByMe: supports.some((s) => s.account_id === actor.accountId),
		photoIds: photos.map((f) => f.id),
		history: history.map((h) => ({ at: h.at, action: h.action, fromStatus: h.from_status, toStatus: h.to_status, actorName: h.actor_name ? firstName(h.actor_name) : null, reason: h.reason, details: typeof h.details === 'string' ? JSON.parse(h.details) : h.details })),
		comments: comments.map((c) => {
			// Removed by its author or hidden by staff comes first; then reports (only the author reads hidden words).
			const gone = !!c.deleted_at || !!c.hidden_reason;
			const moderation = gone ? visibleModeration : shownModeration(actor, c.author_id, c.moderation);
			return {
				id: Number(c.id),
				at: c.at,
				authorName: neighbourName(c.author_name, streets.get(c.author_id)),
				isMine: c.author_id === actor.accountId,
				isStaff: corporationStaff.includes(c.author_id),
				body: gone || !moderation.showText ? null : c.body,
				deleted: !!c.deleted_at,
				hiddenReason: c.deleted_at ? null : c.hidden_reason,
				moderation,
				canReport: !gone && moderation.state === 'visible' && canReport(actor, { authorId: c.author_id, corporationId: p.corporation_id })
			};
		}),
		payments: payments.map((x) => ({ id: x.id, at: x.at, amountCents: Number(x.amount_cents), payee: x.payee, note: x.note, receiptId: x.receipt_file_id, paidByName: firstName(x.paid_by_name) })),
		remainingCents: Math.max(0, p.cost_cents - paidCents),
		buurtpotCents,
		updates: updates.map((u) => ({ id: u.id, at: u.at, authorName: neighbourName(u.author_name, streets.get(u.author_id)), body: u.body, photoIds: files.filter((f) => f.update_id === u.id).map((f) => f.id) })),
		can: {
			edit: editable,
			withdraw: canWithdraw(actor, p),
			support: isMemberOf(actor, p.buurt_id) && supportOpen(p, now) && !householdSupports,
			check: p.status === 'feasibility' && p.author_id !== actor.accountId && canCheckFeasibility(actor, p, settings.associationChecks),
			comment: canComment(actor, p),
			report: summary.moderation.state === 'visible' && canReport(actor, { authorId: p.author_id, corporationId: p.corporation_id }),
			hideComments: isStaffOf(actor, p.corporation_id),
			withdrawSupport: isMemberOf(actor, p.buurt_id) && supportOpen(p, now) && p.author_id !== actor.accountId && supports.some((s) => s.account_id === actor.accountId),
			pay: mayPay,
			followUp: canFollowUp(actor, p)
		}
	};
}

/**
 * An uploaded file, for whoever may see its proposal (photos and receipts alike: every payment
 * is visible to the buurt). Unknown or not visible: proposals.file_not_found... reported as
 * proposals.not_found so another buurt's files look like none.
 */
export async function getUploadedFile(db: Queryable, actor: Actor, fileId: string): Promise<{ contentType: string; bytes: Uint8Array; sha256: string; purpose: string }> {
	if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw new DomainError('proposals.not_found');
	const [f] = await db.query<{ buurt_id: string; corporation_id: string; content_type: string; bytes: Uint8Array; sha256: string; purpose: string }>(
		`SELECT f.buurt_id, b.corporation_id, f.content_type, f.bytes, f.sha256, f.purpose FROM buurtpot_files f JOIN buurten b ON b.id = f.buurt_id WHERE f.id = $1`,
		[fileId]
	);
	if (!f || !canViewBuurtProposals(actor, f)) throw new DomainError('proposals.not_found');
	return { contentType: f.content_type, bytes: f.bytes, sha256: f.sha256, purpose: f.purpose };
}

/** Buurten whose proposals the actor may see (for the proposals index). */
export async function listProposalBuurten(db: Queryable, actor: Actor): Promise<{ id: string; name: string; isMember: boolean; isStaff: boolean }[]> {
	const corporations = [...new Set(actor.staff.map((s) => s.corporationId))];
	const rows = await db.query<{ id: string; name: string; corporation_id: string }>(
		`SELECT id, name, corporation_id FROM buurten WHERE id = ANY($1::uuid[]) OR corporation_id = ANY($2::uuid[]) ORDER BY name`,
		[[...actor.memberBuurtIds, ...associationBuurtIds(actor)], corporations]
	);
	return rows.map((b) => ({ id: b.id, name: b.name, isMember: isMemberOf(actor, b.id), isStaff: isStaffOf(actor, b.corporation_id) }));
}

type FeasibilityItem = { id: string; title: string; buurtId: string; buurtName: string; costCents: number; since: Date };

/** Proposals waiting for the actor's feasibility answer, across the buurten they check, as a part (db/parts.ts). */
export function feasibilityQueuePart(actor: Actor): ReadPart<FeasibilityItem[]> {
	const corporations = [...new Set(actor.staff.map((s) => s.corporationId))];
	const linked = associationBuurtIds(actor);
	if (corporations.length === 0 && linked.length === 0) return known([]);
	return part(
		jsonRows(`SELECT p.id, p.title, p.buurt_id, b.name AS buurt_name, b.corporation_id, p.cost_cents, p.updated_at, s.association_checks
		 FROM buurtpot_proposals p JOIN buurten b ON b.id = p.buurt_id LEFT JOIN buurtpot_settings s ON s.buurt_id = p.buurt_id
		 WHERE p.status = 'feasibility' AND (b.corporation_id = ANY($1::uuid[]) OR p.buurt_id = ANY($3::uuid[])) AND p.author_id <> $2 ORDER BY p.updated_at LIMIT 200`),
		[corporations, actor.accountId, linked],
		(value) =>
			withDates(value as { id: string; title: string; buurt_id: string; buurt_name: string; corporation_id: string; cost_cents: number; updated_at: Date; association_checks: boolean | null }[], ['updated_at'])
				.filter((r) => canCheckFeasibility(actor, r, r.association_checks ?? false))
				.map((r) => ({ id: r.id, title: r.title, buurtId: r.buurt_id, buurtName: r.buurt_name, costCents: Number(r.cost_cents), since: r.updated_at }))
	);
}

/** The feasibility queue on its own (one query, none for who checks nothing). */
export async function listFeasibilityQueue(db: Queryable, actor: Actor): Promise<FeasibilityItem[]> {
	return readPart(db, feasibilityQueuePart(actor));
}
