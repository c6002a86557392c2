import type { Queryable } from '../db/client';
import { notify, type NotificationType } from '../notifications';
import { staffAccountIds } from '../people';

/**
 * The proposal notifications, inside the caller's transaction (the one that changes the
 * proposal): each reader gets the text in their own language from the type and these params.
 * - proposal.to_check: to the corporation's staff when a proposal waits for the feasibility check;
 * - proposal.feasibility: to the author, with the outcome and the reason;
 * - proposal.paid: to every supporter (one row per household that supported), with the amount;
 * - proposal.comment: to the proposal's author when someone else comments (a snippet, never more);
 * - proposal.comment_hidden: to the comment's author, with the reason staff gave.
 */
export async function notifyProposal(
	tx: Queryable,
	proposalId: string,
	type: Extract<NotificationType, 'proposal.to_check' | 'proposal.feasibility' | 'proposal.comment' | 'proposal.paid' | 'proposal.comment_hidden'>,
	e: { at: Date; actorId: string | null; params?: Record<string, string | number>; recipients?: string[] }
): Promise<void> {
	const [p] = await tx.query<{ title: string; buurt_name: string; corporation_id: string; author_id: string }>(
		`SELECT p.title, b.name AS buurt_name, b.corporation_id, p.author_id FROM buurtpot_proposals p JOIN buurten b ON b.id = p.buurt_id WHERE p.id = $1`,
		[proposalId]
	);
	if (!p) return;
	let recipients: string[];
	if (e.recipients) recipients = e.recipients;
	else if (type === 'proposal.to_check') recipients = (await staffAccountIds(tx, p.corporation_id)).filter((id) => id !== p.author_id);
	else if (type === 'proposal.feasibility' || type === 'proposal.comment') recipients = [p.author_id];
	else recipients = (await tx.query<{ account_id: string }>('SELECT DISTINCT account_id FROM buurtpot_supports WHERE proposal_id = $1', [proposalId])).map((r) => r.account_id);
	await notify(tx, {
		recipients: recipients.filter((id) => id !== e.actorId),
		type,
		subject: { kind: 'proposal', id: proposalId },
		params: { title: p.title, buurt: p.buurt_name, ...e.params },
		at: e.at
	});
}
