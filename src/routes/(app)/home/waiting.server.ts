import type { Queryable } from '$lib/server/db/client';
import type { Actor } from '$lib/server/people';
import { listCheckQueue, listMyRequests, listOpenRequests, type RequestSummary } from '$lib/server/help';
import { listFeasibilityQueue, listProposals, type ProposalSummary } from '$lib/server/proposals';
import { getMyBallot, listRounds } from '$lib/server/rounds';
import { adviceWaiting, memberOpenSurveys, staffSurveysWaiting, type AdviceSummary, type SurveySummary } from '$lib/server/voice';

/** A few of each, for the home; the full lists are one link away. */
const SHOWN = 3;

export interface Waiting {
	/** Requests to check (supervisors; staff where no supervisor is active). */
	check: { items: RequestSummary[]; total: number };
	/** Disputes the corporation mediates (staff). */
	disputed: { items: RequestSummary[]; total: number };
	/** Proposals waiting for a feasibility answer (staff; the tenants' association where allowed). */
	feasibility: { items: { id: string; title: string; buurtName: string }[]; total: number };
	/** The person's own requests that need them now: a question back, or help to confirm. */
	yourTurn: RequestSummary[];
	/** Open voting rounds of their buurt where their household has not voted yet. */
	votes: { id: string; title: string; buurtName: string; closesAt: Date }[];
	/** Their own requests still under way. */
	asked: RequestSummary[];
	/** Requests they help with now. */
	helping: RequestSummary[];
	/** Open requests in their buurt that nobody has taken yet (not their own). */
	open: { items: RequestSummary[]; total: number; buurtId: string | null };
	/** Neighbours' proposals looking for support that their household has not supported. */
	support: { items: ProposalSummary[]; buurtId: string | null };
	/** Open surveys for their home that their household has not answered (members). */
	surveys: SurveySummary[];
	/** Closed surveys with open answers to review or publish (staff). */
	surveyReview: SurveySummary[];
	/** Advice requests: for staff the answers that wait for the reply (and late answers); for the association the requests to answer. */
	advice: { items: AdviceSummary[]; total: number; href: string };
}

const underWay = new Set(['to_check', 'published', 'taken', 'disputed']);

/**
 * What waits for this person, read through the help, proposals and rounds doors with the
 * actor's own scope (so nobody sees more here than on the full pages). A fixed number of reads
 * per person, plus one per open round of their buurt.
 */
export async function waitingFor(db: Queryable, actor: Actor, now: Date): Promise<Waiting> {
	const checks = actor.supervisorBuurtIds.length > 0 || actor.staff.length > 0;
	const member = actor.memberBuurtIds.length > 0;
	const buurtId = actor.memberBuurtIds[0] ?? null;
	const queue = checks ? await listCheckQueue(db, actor, now) : null;
	const feasibility = await listFeasibilityQueue(db, actor);
	const mine = member || actor.supervisorBuurtIds.length > 0 ? await listMyRequests(db, actor, now) : { asked: [], helping: [] };
	const open = buurtId ? await listOpenRequests(db, actor, { buurtId, sort: 'newest', pageSize: SHOWN + 5 }, now) : null;
	const openOthers = open ? open.requests.filter((r) => !r.isMine) : [];
	const proposals = buurtId ? await listProposals(db, actor, { buurtId, status: 'support', limit: 20 }, now) : [];
	const votes: Waiting['votes'] = [];
	if (member) {
		for (const r of await listRounds(db, actor, {}, now)) {
			if (r.phase !== 'open' || r.isTest || !actor.memberBuurtIds.includes(r.buurtId)) continue;
			const ballot = await getMyBallot(db, actor, r.id, now);
			if (!ballot.voted) votes.push({ id: r.id, title: r.title, buurtName: r.buurtName, closesAt: r.closesAt });
		}
	}
	const surveys = member ? await memberOpenSurveys(db, actor, now) : [];
	const surveyReview = actor.staff.length ? (await staffSurveysWaiting(db, actor, now)).toReview : [];
	const advisor = actor.staff.length > 0 || actor.partners.some((p) => p.kind === 'tenants_association');
	const advice = advisor ? await adviceWaiting(db, actor, now) : { items: [], total: 0 };
	const toCheck = queue?.toCheck ?? [];
	const disputed = queue?.disputed ?? [];
	return {
		check: { items: toCheck.slice(0, SHOWN), total: toCheck.length },
		disputed: { items: disputed.slice(0, SHOWN), total: disputed.length },
		feasibility: { items: feasibility.slice(0, SHOWN).map((f) => ({ id: f.id, title: f.title, buurtName: f.buurtName })), total: feasibility.length },
		yourTurn: mine.asked.filter((r) => r.state === 'returned' || r.state === 'done'),
		votes,
		asked: mine.asked.filter((r) => underWay.has(r.state)).slice(0, SHOWN),
		helping: mine.helping.filter((r) => r.state === 'taken').slice(0, SHOWN),
		open: { items: openOthers.slice(0, SHOWN), total: open?.total ?? 0, buurtId: open?.buurt.id ?? null },
		support: { items: proposals.filter((p) => p.status === 'support' && !p.isMine && !p.supportedByMyHousehold).slice(0, SHOWN), buurtId },
		surveys: surveys.slice(0, SHOWN),
		surveyReview: surveyReview.slice(0, SHOWN),
		advice: { ...advice, href: actor.staff.length ? '/staff/voice/advice' : '/association/advice' }
	};
}
