import type { ProposalSummary } from './list-proposals';
import type { SimilarProposal } from './similarity';
import type { ProposalDetail } from './queries';

/** JSON shapes of /api/v1/proposals: stable, never raw rows; times as ISO 8601 strings in UTC. */

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export const presentProposalSummary = (p: ProposalSummary) => ({
	id: p.id,
	buurtId: p.buurtId,
	buurtName: p.buurtName,
	title: p.title,
	description: p.description,
	moderation: { state: p.moderation.state, reason: p.moderation.reason, note: p.moderation.note },
	costCents: p.costCents,
	requestedCostCents: p.requestedCostCents,
	status: p.status,
	place: p.place,
	authorName: p.authorName,
	isMine: p.isMine,
	supportCount: p.supportCount,
	supportNeeded: p.supportNeeded,
	supportDeadline: iso(p.supportDeadline),
	supportedByMyHousehold: p.supportedByMyHousehold,
	createdAt: iso(p.createdAt),
	photoUrl: p.photoId ? `/uploads/buurtpot/${p.photoId}` : null,
	paidCents: p.paidCents
});

export const presentPayment = (x: ProposalDetail['payments'][number]) => ({
	id: x.id,
	at: iso(x.at),
	amountCents: x.amountCents,
	payee: x.payee,
	note: x.note,
	receiptUrl: x.receiptId ? `/uploads/buurtpot/${x.receiptId}` : null,
	paidByName: x.paidByName
});

export const presentComment = (c: ProposalDetail['comments'][number]) => ({ id: c.id, at: iso(c.at), authorName: c.authorName, isMine: c.isMine, isStaff: c.isStaff, body: c.body, deleted: c.deleted, hiddenReason: c.hiddenReason, moderation: { state: c.moderation.state, reason: c.moderation.reason, note: c.moderation.note } });

export const presentProposalDetail = (p: ProposalDetail) => ({
	...presentProposalSummary(p),
	costLines: p.costLines,
	volunteers: p.volunteers,
	decision: p.decision ? { outcome: p.decision.outcome, reason: p.decision.reason, byName: p.decision.byName, at: iso(p.decision.at) } : null,
	report: p.report,
	doneAt: iso(p.doneAt),
	editableUntil: iso(p.editableUntil),
	supportedByMe: p.supportedByMe,
	photoUrls: p.photoIds.map((id) => `/uploads/buurtpot/${id}`),
	remainingCents: p.remainingCents,
	buurtpotCents: p.buurtpotCents,
	history: p.history.map((h) => ({ at: iso(h.at), action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, actorName: h.actorName, reason: h.reason })),
	comments: p.comments.map(presentComment),
	payments: p.payments.map(presentPayment),
	updates: p.updates.map((u) => ({ id: u.id, at: iso(u.at), authorName: u.authorName, body: u.body, photoUrls: u.photoIds.map((id) => `/uploads/buurtpot/${id}`) })),
	can: p.can
});

export const presentSimilar = (s: SimilarProposal) => s;
