import type { Actor } from '$lib/server/people';
import { checkQueuePart, myRequestsPart, openRequestsPart, type CheckQueue, type OpenRequestList, type RequestSummary } from '$lib/server/help';
import { feasibilityQueuePart, proposalsPart, type ProposalSummary } from '$lib/server/proposals';
import { roundsToVotePart, type RoundToVote } from '$lib/server/rounds';
import { known, type ReadPart } from '$lib/server/db/parts';
import { adviceWaiting, memberOpenSurveys, staffSurveysWaiting, type AdviceSummary, type SurveySummary } from '$lib/server/voice';
import type { Queryable } from '$lib/server/db/client';

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
	votes: RoundToVote[];
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
 * What waits for this person, as parts of the home's one statement (db/parts.ts): each list is
 * its module's own read (help, proposals, rounds) with the actor's own scope, so nobody sees
 * more here than on the full pages, and the page reads them all in one round trip.
 */
export function waitingParts(actor: Actor, now: Date) {
	const checks = actor.supervisorBuurtIds.length > 0 || actor.staff.length > 0;
	const member = actor.memberBuurtIds.length > 0;
	const buurtId = actor.memberBuurtIds[0] ?? null;
	return {
		queue: checks ? checkQueuePart(actor, now) : (known(null) as ReadPart<CheckQueue | null>),
		feasibility: feasibilityQueuePart(actor),
		mine: member || actor.supervisorBuurtIds.length > 0 ? myRequestsPart(actor, now) : known({ asked: [] as RequestSummary[], helping: [] as RequestSummary[] }),
		open: buurtId ? openRequestsPart(actor, { buurtId, sort: 'newest', pageSize: SHOWN + 5 }, now) : (known(null) as ReadPart<OpenRequestList | null>),
		proposals: buurtId ? proposalsPart(actor, { buurtId, status: 'support', limit: 20 }, now) : known([] as ProposalSummary[]),
		votes: roundsToVotePart(actor, now)
	};
}

type Read = { [K in keyof ReturnType<typeof waitingParts>]: ReturnType<typeof waitingParts>[K] extends ReadPart<infer T> ? T : never };

/** The home's groups from what the parts read. */
export function waitingFrom(actor: Actor, r: Read, extras: Extras): Waiting {
	const buurtId = actor.memberBuurtIds[0] ?? null;
	const openOthers = r.open ? r.open.requests.filter((x) => !x.isMine) : [];
	const toCheck = r.queue?.toCheck ?? [];
	const disputed = r.queue?.disputed ?? [];
	return {
		check: { items: toCheck.slice(0, SHOWN), total: toCheck.length },
		disputed: { items: disputed.slice(0, SHOWN), total: disputed.length },
		feasibility: { items: r.feasibility.slice(0, SHOWN).map((f) => ({ id: f.id, title: f.title, buurtName: f.buurtName })), total: r.feasibility.length },
		yourTurn: r.mine.asked.filter((x) => x.state === 'returned' || x.state === 'done'),
		votes: r.votes,
		asked: r.mine.asked.filter((x) => underWay.has(x.state)).slice(0, SHOWN),
		helping: r.mine.helping.filter((x) => x.state === 'taken').slice(0, SHOWN),
		open: { items: openOthers.slice(0, SHOWN), total: r.open?.total ?? 0, buurtId: r.open?.buurt.id ?? null },
		support: { items: r.proposals.filter((p) => p.status === 'support' && !p.isMine && !p.supportedByMyHousehold).slice(0, SHOWN), buurtId },
		...extras
	};
}

type Extras = Pick<Waiting, 'surveys' | 'surveyReview' | 'advice'>;

/**
 * Stem van de buurt's lists, read on their own (not parts of the one statement yet): open
 * surveys for members, surveys to review and advice requests for staff and the association.
 */
export async function waitingExtras(db: Queryable, actor: Actor, now: Date): Promise<Extras> {
	const member = actor.memberBuurtIds.length > 0;
	const surveys = member ? await memberOpenSurveys(db, actor, now) : [];
	const surveyReview = actor.staff.length ? (await staffSurveysWaiting(db, actor, now)).toReview : [];
	const advisor = actor.staff.length > 0 || actor.partners.some((p) => p.kind === 'tenants_association');
	const advice = advisor ? await adviceWaiting(db, actor, now) : { items: [], total: 0 };
	return {
		surveys: surveys.slice(0, SHOWN),
		surveyReview: surveyReview.slice(0, SHOWN),
		advice: { ...advice, href: actor.staff.length ? '/staff/voice/advice' : '/association/advice' }
	};
}
