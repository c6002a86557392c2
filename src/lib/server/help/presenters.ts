import type { OpenRequestList, RequestDetail, RequestSummary, CheckQueue } from './queries';
import type { TransitionResult } from './engine';
import type { Wallet } from './wallet';

/** JSON shapes of /api/v1/help and /wallet: stable, never raw rows. */

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export const presentRequestSummary = (r: RequestSummary) => ({
	id: r.id,
	buurtId: r.buurtId,
	buurtName: r.buurtName,
	category: r.category,
	zorgLabel: r.zorgLabel,
	title: r.title,
	state: r.state,
	urgency: r.urgency,
	when: r.when,
	whenDate: r.whenDate,
	place: r.place,
	createdAt: iso(r.createdAt),
	publishedAt: iso(r.publishedAt),
	waitingSince: iso(r.waitingSince),
	askerName: r.askerName,
	viaName: r.viaName,
	helperName: r.helperName,
	isMine: r.isMine,
	isHelping: r.isHelping
});

export const presentRequestList = (l: OpenRequestList) => ({
	buurt: l.buurt,
	sort: l.sort,
	page: l.page,
	pages: l.pages,
	total: l.total,
	waiting: l.waiting,
	requests: l.requests.map(presentRequestSummary)
});

export const presentRequestDetail = (r: RequestDetail) => ({
	...presentRequestSummary(r),
	description: r.description,
	placeNote: r.placeNote,
	onBehalfName: r.onBehalfName,
	consentNote: r.consentNote,
	updateChannel: r.updateChannel,
	redirectKind: r.redirectKind,
	helperName: r.helperName,
	checkerName: r.checkerName,
	takenAt: iso(r.takenAt),
	doneAt: iso(r.doneAt),
	confirmedAt: iso(r.confirmedAt),
	autoConfirmOn: r.autoConfirmOn,
	reward: r.reward,
	actions: r.actions,
	canPostMessage: r.canPost,
	history:
		r.history?.map((h) => ({
			at: iso(h.at),
			action: h.action,
			fromState: h.fromState,
			toState: h.toState,
			role: h.role,
			actorName: h.actorName,
			reason: h.reason,
			changes: h.changes
		})) ?? null,
	messages: r.messages?.map((m) => ({ id: m.id, at: iso(m.at), authorName: m.authorName, isMine: m.isMine, kind: m.kind, body: m.body, moderation: { state: m.moderation.state, reason: m.moderation.reason, note: m.moderation.note } })) ?? null,
	zorgReads: r.zorgReads?.map((z) => ({ at: iso(z.at), readerName: z.readerName, reason: z.reason })) ?? null,
	mayReadZorg: r.mayReadZorg
});

export const presentTransition = (t: TransitionResult) => ({ id: t.id, state: t.state, ...(t.reward ? { reward: t.reward } : {}) });

export const presentQueue = (q: CheckQueue) => ({
	toCheck: q.toCheck.map((r) => ({ ...presentRequestSummary(r), staffTurn: r.staffTurn })),
	waiting: q.waiting.map(presentRequestSummary),
	disputed: q.disputed.map(presentRequestSummary),
	redirected: q.redirected.map(presentRequestSummary),
	unsupervised: q.unsupervised
});

export const presentWallet = (w: Wallet) => ({
	totalCents: w.totalCents,
	pendingCents: w.pendingCents,
	namedInPot: w.namedInPot,
	items: w.items.map((i) => ({ ...i, at: iso(i.at) })),
	pending: w.pending.map((p) => ({ ...p, at: iso(p.at) })),
	nextBefore: w.nextBefore
});
