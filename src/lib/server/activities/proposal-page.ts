import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import { getProposalDetail, presentProposalDetail, type ProposalDetail } from '../proposals';
import { listEventsForProposal, type EventView } from './events';

/** A proposal with its shifts and activities: what the proposal page and its API show. */
export type ProposalWithEvents = ProposalDetail & { events: EventView[] };

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The proposal (proposals' rules decide who sees it) and its events, in one read for the page. */
export async function getProposalWithEvents(db: Queryable, actor: Actor, proposalId: string, now: Date): Promise<ProposalWithEvents> {
	const proposal = await getProposalDetail(db, actor, proposalId, now);
	return { ...proposal, events: await listEventsForProposal(db, actor, proposal.id, now) };
}

export const presentEvent = (e: EventView) => ({
	id: e.id,
	proposalId: e.proposalId,
	kind: e.kind,
	title: e.title,
	description: e.description,
	place: e.place,
	startsAt: iso(e.startsAt),
	endsAt: iso(e.endsAt),
	capacity: e.capacity,
	taken: e.taken,
	cancelled: e.cancelled,
	signedUp: e.signedUp,
	volunteers: e.volunteers,
	canSignUp: e.canSignUp
});

export const presentProposalWithEvents = (p: ProposalWithEvents) => ({ ...presentProposalDetail(p), events: p.events.map(presentEvent) });
