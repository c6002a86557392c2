import type { Actor } from '../people';
import type { NotificationType } from './notify';

/** Every notification type, in the order the settings page shows them. */
export const notificationTypes: readonly NotificationType[] = [
	'help.taken',
	'help.done',
	'help.confirmed',
	'help.returned',
	'help.redirected',
	'help.waiting',
	'help.published',
	'help.to_check',
	'help.pending_reward',
	'help.message',
	'help.follow_up',
	'proposal.to_check',
	'proposal.feasibility',
	'proposal.paid',
	'proposal.comment',
	'proposal.comment_hidden',
	'round.opened',
	'round.results',
	'report.update',
	'report.assigned',
	'report.reopened',
	'report.overdue',
	'board.reply',
	'concern.new',
	'concern.flagged',
	'concern.picked_up',
	'moderation.hidden',
	'moderation.decision',
	'moderation.sanction',
	'moderation.to_review',
	'care.offer',
	'care.accepted',
	'care.message',
	'care.ended',
	'advice.request',
	'advice.answered',
	'advice.replied',
	'advice.overdue'
];

export const deliveryModes = ['instant', 'digest', 'off'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/**
 * What a person gets before they choose. Things about your own request or your own task are
 * mailed at once; the announcement of every new request in the buurt is opt-in.
 */
export const modeDefaults: Record<NotificationType, DeliveryMode> = {
	'help.to_check': 'instant',
	'help.published': 'off',
	'help.taken': 'instant',
	'help.done': 'instant',
	'help.confirmed': 'instant',
	'help.returned': 'instant',
	'help.redirected': 'instant',
	'help.waiting': 'instant',
	'help.pending_reward': 'instant',
	// A conversation mails at once; a busy thread is what the digest is for.
	'help.message': 'instant',
	'help.follow_up': 'instant',
	'proposal.to_check': 'instant',
	'proposal.feasibility': 'instant',
	'proposal.paid': 'digest',
	// Neighbours talking about your plan: a lively plan would mail often, so the daily digest.
	'proposal.comment': 'digest',
	// About your own words: you hear at once why they are no longer shown.
	'proposal.comment_hidden': 'instant',
	// Every household of the buurt: the inbox always, e-mail in the daily digest unless chosen otherwise.
	'round.opened': 'digest',
	'round.results': 'digest',
	// Your own report (and the ones you follow): every step at once; the handler's work too.
	'report.update': 'instant',
	'report.assigned': 'instant',
	'report.reopened': 'instant',
	'report.overdue': 'digest',
	// A neighbour answered your post: at once, like a message in a thread.
	'board.reply': 'instant',
	// Concerns about a household: the social team hears at once (the mail names no home and no words);
	// the reporter hears once that it was picked up.
	'concern.new': 'instant',
	'concern.flagged': 'instant',
	'concern.picked_up': 'instant',
	// About your own words or your own account: you hear at once, with the reason.
	'moderation.hidden': 'instant',
	'moderation.decision': 'instant',
	'moderation.sanction': 'instant',
	// Reviewers (ambassadors of the buurt): a daily list is enough; the queue is on their page.
	'moderation.to_review': 'digest',
	// The care bridge: an offer, an acceptance, a message, the end — each about one person's own part.
	'care.offer': 'instant',
	'care.accepted': 'instant',
	'care.message': 'instant',
	'care.ended': 'instant',
	// Advice requests are formal and have deadlines: each step at once, to both sides.
	'advice.request': 'instant',
	'advice.answered': 'instant',
	'advice.replied': 'instant',
	'advice.overdue': 'instant'
};

/** Broadcast types go to a whole buurt; for them 'off' means no inbox item either (see notify). */
export const isBroadcast = (type: NotificationType) => type === 'help.published';

export const isNotificationType = (v: unknown): v is NotificationType => notificationTypes.includes(v as NotificationType);

/**
 * The types a person can receive given their roles, so the settings page does not ask a tenant
 * about staff matters. Anyone can ask for or give help (care workers ask for clients), so the
 * request's own events apply to all; new requests to check go to supervisors, ambassadors and
 * staff; pending rewards and proposals to check to staff; new requests in the buurt, rounds,
 * results, payouts, feasibility answers and hidden comments to members (staff may propose and vote as tenants too).
 */
export function relevantTypes(actor: Actor): NotificationType[] {
	const staff = actor.staff.length > 0;
	return notificationTypes.filter((type) => {
		switch (type) {
			case 'help.to_check':
				return staff || actor.supervisorBuurtIds.length > 0 || actor.ambassadorBuurtIds.length > 0;
			case 'help.pending_reward':
			case 'proposal.to_check':
				return staff;
			// Handlers: staff, and the partners (suppliers, the municipality) reports are routed to.
			case 'report.assigned':
			case 'report.reopened':
			case 'report.overdue':
				return staff || actor.partners.some((p) => p.kind === 'supplier' || p.kind === 'municipality');
			case 'round.opened':
			case 'round.results':
			case 'proposal.paid':
			case 'proposal.feasibility':
			case 'proposal.comment':
			case 'proposal.comment_hidden':
			case 'board.reply':
				return staff || actor.memberBuurtIds.length > 0;
			// Care providers hear of offers; helpers (members) of acceptance and the end; both of messages.
			case 'care.offer':
				return actor.partners.some((p) => p.kind === 'care');
			case 'care.accepted':
			case 'care.ended':
				return actor.memberBuurtIds.length > 0;
			case 'care.message':
				return actor.memberBuurtIds.length > 0 || actor.partners.some((p) => p.kind === 'care');
			// Advice requests: between staff and the board of a tenants' association.
			case 'advice.request':
			case 'advice.replied':
				return actor.partners.some((p) => p.kind === 'tenants_association');
			case 'advice.answered':
				return staff;
			case 'advice.overdue':
				return staff || actor.partners.some((p) => p.kind === 'tenants_association');
			case 'help.published':
				return actor.memberBuurtIds.length > 0 || actor.supervisorBuurtIds.length > 0;
			// Only the social team reads concerns.
			case 'concern.new':
			case 'concern.flagged':
				return actor.staff.some((s) => s.role === 'social_team');
			// Anyone who writes can be reported, warned or suspended (moderation.hidden, .decision, .sanction: default).
			case 'moderation.to_review':
				return staff || actor.ambassadorBuurtIds.length > 0;
			default:
				return true;
		}
	});
}
