import type { CareDetail, CareLine, CareLists, CareProviderHome, CareReadLine } from './queries';

/** JSON shapes for /api/v1/care (never raw rows; dates as ISO strings). */
export const presentCareLine = (l: CareLine) => ({
	id: l.id,
	viewAs: l.viewAs,
	need: l.need,
	buurtId: l.buurtId,
	buurtName: l.buurtName,
	complexName: l.complexName,
	days: l.days,
	dayparts: l.dayparts,
	frequency: l.frequency,
	weeks: l.weeks,
	state: l.state,
	createdAt: l.createdAt.toISOString(),
	organisationName: l.organisationName,
	consentExpiresOn: l.consentExpiresOn,
	waitingOffers: l.waitingOffers,
	offered: l.offered
});

export const presentCareLists = (l: CareLists) => ({ provided: l.provided.map(presentCareLine), open: l.open.map(presentCareLine), mine: l.mine.map(presentCareLine) });

export const presentCareDetail = (d: CareDetail) => ({
	...presentCareLine(d),
	availabilityNote: d.availabilityNote,
	consent: d.consent ? { ...d.consent, statedAt: d.consent.statedAt.toISOString() } : null,
	offers: d.offers?.map((o) => ({ id: o.id, helperName: o.helperName, state: o.state, at: o.at.toISOString() })) ?? null,
	helperName: d.helperName,
	providerName: d.providerName,
	messages: d.messages?.map((m) => ({ id: m.id, at: m.at.toISOString(), authorName: m.authorName, isMine: m.isMine, body: m.body })) ?? null,
	sessions: d.sessions,
	maxSessions: d.maxSessions,
	closedReason: d.closedReason,
	can: d.can
});

export const presentCareHome = (h: CareProviderHome) => ({ open: h.open.map(presentCareLine), offersWaiting: h.offersWaiting.map(presentCareLine), expiring: h.expiring.map(presentCareLine) });

export const presentCareLog = (lines: CareReadLine[]) => ({ entries: lines.map((l) => ({ id: l.id, at: l.at.toISOString(), action: l.action, actorName: l.actorName, requestId: l.requestId })) });
