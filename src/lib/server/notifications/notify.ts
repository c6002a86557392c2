import type { Queryable } from '../db/client';
import { isBroadcast, modeDefaults, notificationTypes } from './types';

export type NotificationType =
	| 'help.to_check'
	| 'help.published'
	| 'help.taken'
	| 'help.done'
	| 'help.confirmed'
	| 'help.returned'
	| 'help.redirected'
	| 'help.waiting'
	| 'help.pending_reward'
	| 'help.message'
	| 'help.follow_up'
	| 'proposal.to_check'
	| 'proposal.feasibility'
	| 'proposal.paid'
	| 'proposal.comment'
	| 'proposal.comment_hidden'
	| 'round.opened'
	| 'round.results'
	| 'report.update'
	| 'report.assigned'
	| 'report.reopened'
	| 'report.overdue'
	| 'board.reply'
	| 'concern.new'
	| 'concern.picked_up'
	| 'concern.flagged'
	| 'moderation.hidden'
	| 'moderation.decision'
	| 'moderation.sanction'
	| 'moderation.to_review'
	| 'care.offer'
	| 'care.accepted'
	| 'care.message'
	| 'care.ended'
	| 'advice.request'
	| 'advice.answered'
	| 'advice.replied'
	| 'advice.overdue';

/** What an item is about: its page is /help/<id>, /proposals/<id>, /rounds/<id>, /reports/<id> or a board post (render.ts). */
export const subjectKinds = ['help_request', 'proposal', 'round', 'report', 'board_post', 'concern', 'moderation_item', 'care_request', 'advice_request'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

export interface Notification {
	recipients: string[];
	type: NotificationType;
	subject: { kind: SubjectKind; id: string };
	/** ICU values for `notifications.types.<type>.title|body`: title, buurt, reason?, who?. */
	params: Record<string, string | number>;
	at: Date;
}

/**
 * Records a notification for each recipient, inside the caller's transaction: an inbox item
 * and, when the recipient wants e-mail for this type, a pending e-mail delivery that the
 * `notifications.send_instant` or `notifications.send_digests` job sends later. Never sends
 * mail itself, so a rolled-back business transaction leaves no trace and mails nobody.
 *
 * - Recipients are deduplicated; disabled accounts are skipped.
 * - Preference 'off' means "no e-mail": the inbox item is still written (the inbox is the
 *   record of what happened to your requests). The one exception is the opt-in broadcast
 *   broadcasts ('help.published', sent to every member of a buurt): 'off' writes nothing at all, otherwise
 *   every member who did not opt in would find every new request of the buurt in their inbox.
 * - One statement, whatever the number of recipients (the help module fans out to a buurt, the
 *   rounds module to every member of a buurt: one INSERT … SELECT over the id array).
 */
export async function notify(
	tx: Queryable,
	n: Notification
): Promise<void> {
	if (!notificationTypes.includes(n.type)) throw new Error(`notify: unknown notification type ${String(n.type)}`);
	if (!subjectKinds.includes(n.subject.kind)) throw new Error(`notify: unknown subject kind ${String(n.subject.kind)}`);
	const recipients = [...new Set(n.recipients.filter((r) => typeof r === 'string' && r.length > 0))];
	if (recipients.length === 0) return;
	await tx.query(
		`WITH wanted AS (
			SELECT a.id AS account_id, coalesce(p.mode, $3) AS mode
			FROM accounts a
			LEFT JOIN notification_preferences p ON p.account_id = a.id AND p.type = $2
			WHERE a.id = ANY($1::uuid[]) AND a.disabled_at IS NULL
		), items AS (
			INSERT INTO notification_items (account_id, type, subject_kind, subject_id, params, created_at)
			SELECT account_id, $2, $4, $5, $6::jsonb, $7 FROM wanted
			WHERE mode <> 'off' OR NOT $8::boolean
			RETURNING id, account_id
		)
		INSERT INTO notification_deliveries (item_id, account_id, channel, mode, created_at, next_attempt_at)
		SELECT items.id, items.account_id, 'email', wanted.mode, $7, $7
		FROM items JOIN wanted ON wanted.account_id = items.account_id
		WHERE wanted.mode IN ('instant', 'digest')`,
		[recipients, n.type, modeDefaults[n.type], n.subject.kind, n.subject.id, JSON.stringify(n.params ?? {}), n.at, isBroadcast(n.type)]
	);
}
