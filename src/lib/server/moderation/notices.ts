import type { Queryable } from '../db/client';
import { listAmbassadors } from '../people';
import { notify } from '../notifications';

/**
 * Who hears what (notification types moderation.*). The author's items link to their own
 * moderation history (/settings/moderation); a reviewer's to the item's review page. A reason
 * travels as its code (`step`), so each reader reads it in their own language; the reviewer's
 * note as `reason`.
 */

export const historyPath = '/settings/moderation';
export const reviewPath = (buurtId: string, itemId: string) => `/buurten/${buurtId}/moderation/${itemId}`;

interface ItemRef {
	id: string;
	buurt_id: string;
	corporation_id: string;
	author_id: string;
	content_kind: string;
	is_public: boolean;
	buurt_name?: string;
}

/** The author: their words are hidden after reports, until someone looks (they may edit meanwhile). */
export async function tellAuthorHidden(tx: Queryable, item: ItemRef, at: Date) {
	await notify(tx, { recipients: [item.author_id], type: 'moderation.hidden', subject: { kind: 'moderation_item', id: item.id }, params: { path: historyPath, outcome: item.content_kind, buurt: item.buurt_name ?? '' }, at });
}

/** The author: a reviewer kept, hid or removed their words, with the reason. */
export async function tellAuthorDecision(tx: Queryable, item: ItemRef, d: { decision: string; reason: string | null; note: string }, at: Date) {
	await notify(tx, {
		recipients: [item.author_id],
		type: 'moderation.decision',
		subject: { kind: 'moderation_item', id: item.id },
		params: { path: historyPath, outcome: d.decision, step: d.reason ?? '', reason: d.note, title: item.content_kind },
		at
	});
}

/** The member: a warning or a suspension from posting (until a date), with the reason. */
export async function tellMemberSanction(tx: Queryable, accountId: string, subjectId: string, s: { kind: 'warn' | 'suspend' | 'lift'; reason: string; note: string; until: Date | null }, at: Date) {
	await notify(tx, {
		recipients: [accountId],
		type: 'moderation.sanction',
		subject: { kind: 'moderation_item', id: subjectId },
		params: { path: historyPath, outcome: s.kind, step: s.reason, reason: s.note, until: s.until ? s.until.getTime() : 0 },
		at
	});
}

/** The buurt's ambassadors: something public was hidden by reports or changed while hidden and waits for them. */
export async function tellReviewers(tx: Queryable, item: ItemRef, at: Date) {
	if (!item.is_public) return;
	const recipients = (await listAmbassadors(tx, item.corporation_id)).filter((a) => a.buurt_id === item.buurt_id && a.account_id !== item.author_id).map((a) => a.account_id);
	await notify(tx, { recipients, type: 'moderation.to_review', subject: { kind: 'moderation_item', id: item.id }, params: { path: reviewPath(item.buurt_id, item.id), buurt: item.buurt_name ?? '' }, at });
}
